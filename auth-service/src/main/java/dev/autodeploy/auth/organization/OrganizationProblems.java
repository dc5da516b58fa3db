package dev.autodeploy.auth.organization;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How organization operations fail, as the client sees them. */
final class OrganizationProblems {

    private OrganizationProblems() {
    }

    /** Also the answer to non-members: another organization's existence is not revealed. */
    static final class OrganizationNotFound extends ApiException {
        OrganizationNotFound() {
            super(HttpStatus.NOT_FOUND, "organization-not-found", "No such organization.");
        }
    }

    static final class InsufficientRole extends ApiException {
        InsufficientRole(Role needed) {
            super(HttpStatus.FORBIDDEN, "insufficient-role", "This needs the " + needed.wire() + " role or higher.");
        }
    }

    static final class SlugTaken extends ApiException {
        SlugTaken(String slug) {
            super(HttpStatus.CONFLICT, "slug-taken", "The slug '" + slug + "' is already used by another organization.");
        }
    }

    static final class LastOwner extends ApiException {
        LastOwner() {
            super(HttpStatus.CONFLICT, "last-owner",
                    "An organization needs an owner: make someone else owner first.");
        }
    }

    static final class MemberNotFound extends ApiException {
        MemberNotFound() {
            super(HttpStatus.NOT_FOUND, "member-not-found", "No such member in this organization.");
        }
    }

    static final class AlreadyMember extends ApiException {
        AlreadyMember() {
            super(HttpStatus.CONFLICT, "already-member", "This user is already a member.");
        }
    }

    static final class UserNotFound extends ApiException {
        UserNotFound() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "user-not-found",
                    "No account with this email; send an invitation instead.");
        }
    }

    static final class InvitationNotFound extends ApiException {
        InvitationNotFound() {
            super(HttpStatus.NOT_FOUND, "invitation-not-found", "No such invitation.");
        }
    }

    static final class InvitationClosed extends ApiException {
        InvitationClosed(String status) {
            super(HttpStatus.CONFLICT, "invitation-closed", "This invitation is " + status + ".");
        }
    }

    static final class InvitationForSomeoneElse extends ApiException {
        InvitationForSomeoneElse() {
            super(HttpStatus.FORBIDDEN, "invitation-for-someone-else",
                    "This invitation was sent to another email address.");
        }
    }

    static final class InvalidSort extends ApiException {
        InvalidSort(String allowed) {
            super(HttpStatus.BAD_REQUEST, "invalid-sort", "Organizations can be sorted by " + allowed + " only.");
        }
    }
}
