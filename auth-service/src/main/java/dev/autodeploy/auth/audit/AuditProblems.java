package dev.autodeploy.auth.audit;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How reading an organization's audit log fails, as the client sees it. */
final class AuditProblems {

    private AuditProblems() {
    }

    /** Also the answer to non-members: another organization's existence is not revealed. */
    static final class OrganizationNotFound extends ApiException {
        OrganizationNotFound() {
            super(HttpStatus.NOT_FOUND, "organization-not-found", "No such organization.");
        }
    }

    static final class InsufficientRole extends ApiException {
        InsufficientRole() {
            super(HttpStatus.FORBIDDEN, "insufficient-role", "This needs the admin role or higher.");
        }
    }

    static final class InvalidAuditFilter extends ApiException {
        InvalidAuditFilter(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-audit-filter", detail);
        }
    }

    static final class InvalidCursor extends ApiException {
        InvalidCursor() {
            super(HttpStatus.BAD_REQUEST, "invalid-cursor", "The cursor is not one this API handed out.");
        }
    }
}
