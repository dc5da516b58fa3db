package dev.autodeploy.support.membership;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/**
 * Decides whether a user may act in an organization, from the service's membership projection. A
 * non-member is told the thing does not exist (404, whether or not it does); a member whose role is
 * too weak gets 403 {@code insufficient-role}.
 */
public class OrganizationAccess {

    private final OrganizationMembers members;

    public OrganizationAccess(OrganizationMembers members) {
        this.members = members;
    }

    /** The user's role in the organization, empty when not a member. */
    public Optional<Role> roleOf(UUID organizationId, UUID userId) {
        return members.roleOf(organizationId, userId);
    }

    /** The user's role when at least {@code minimum}; 404 {@code organization-not-found} for non-members. */
    public Role require(UUID organizationId, UUID userId, Role minimum) {
        return require(organizationId, userId, minimum, OrganizationNotFound::new);
    }

    /**
     * The user's role when at least {@code minimum}; {@code notFound} for non-members, so that a
     * resource of another organization answers exactly like a missing one.
     */
    public Role require(UUID organizationId, UUID userId, Role minimum, Supplier<? extends ApiException> notFound) {
        Role role = members.roleOf(organizationId, userId).orElseThrow(notFound);
        if (!role.atLeast(minimum)) {
            throw new InsufficientRole(minimum);
        }
        return role;
    }

    /** Also the answer to non-members: another organization's existence is not revealed. */
    public static final class OrganizationNotFound extends ApiException {
        public OrganizationNotFound() {
            super(HttpStatus.NOT_FOUND, "organization-not-found", "No such organization.");
        }
    }

    /** A member asked for something their role does not allow. */
    public static final class InsufficientRole extends ApiException {
        public InsufficientRole(Role needed) {
            super(HttpStatus.FORBIDDEN, "insufficient-role", "This needs the " + needed.wire() + " role or higher.");
        }
    }
}
