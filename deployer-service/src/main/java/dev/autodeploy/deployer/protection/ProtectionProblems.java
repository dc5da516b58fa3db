package dev.autodeploy.deployer.protection;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.autodeploy.deployer.deployment.DeploymentGuard;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How protection refuses a deployment, and how its own endpoints fail, as the client sees it. */
final class ProtectionProblems {

    private ProtectionProblems() {
    }

    static final class BranchNotAllowed extends DeploymentGuard.Refused {
        BranchNotAllowed(String environment, String branch, List<String> allowed) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "branch-not-allowed", (branch == null
                    ? "A commit without a branch cannot be deployed to " + environment
                    : "Branch '" + branch + "' may not be deployed to " + environment)
                    + ": allowed are " + String.join(", ", allowed) + ".");
        }
    }

    static final class DeployFreeze extends DeploymentGuard.Refused {

        private final Instant until;

        DeployFreeze(String environment, Instant until, String reason) {
            super(HttpStatus.CONFLICT, "deploy-freeze", "Deployments to " + environment + " are frozen until " + until
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")") + ".");
            this.until = until;
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("frozenUntil", until.toString());
        }
    }

    static final class InsufficientRole extends DeploymentGuard.Refused {
        InsufficientRole(String environment, Role needed) {
            super(HttpStatus.FORBIDDEN, "insufficient-role", "Deploying to " + environment + " needs the "
                    + needed.wire() + " role or higher, or an elevated access grant for it.");
        }
    }

    /** Settings that make no sense; nothing was changed. */
    static final class InvalidProtection extends ApiException {

        private final List<String> errors;

        InvalidProtection(List<String> errors) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-protection", "The protection settings are invalid: "
                    + String.join("; ", errors));
            this.errors = List.copyOf(errors);
        }

        @Override
        public Map<String, Object> properties() {
            return Map.of("errors", errors);
        }
    }

    /** Also the answer about another organization's deployment. */
    static final class DeploymentNotFound extends ApiException {
        DeploymentNotFound() {
            super(HttpStatus.NOT_FOUND, "deployment-not-found", "No such deployment.");
        }
    }

    static final class NotAwaitingApproval extends ApiException {
        NotAwaitingApproval(String status) {
            super(HttpStatus.CONFLICT, "not-awaiting-approval", "The deployment does not wait for approval ("
                    + status + ").");
        }
    }

    static final class SelfApproval extends ApiException {
        SelfApproval() {
            super(HttpStatus.CONFLICT, "self-approval", "Whoever asked for a deployment cannot approve or reject it.");
        }
    }

    static final class AlreadyVoted extends ApiException {
        AlreadyVoted() {
            super(HttpStatus.CONFLICT, "already-voted", "You already voted on this deployment.");
        }
    }

    static final class InvalidVote extends ApiException {
        InvalidVote(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-vote", detail);
        }
    }

    static final class GrantNotFound extends ApiException {
        GrantNotFound() {
            super(HttpStatus.NOT_FOUND, "access-grant-not-found", "The environment has no such access grant.");
        }
    }

    static final class InvalidGrant extends ApiException {
        InvalidGrant(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-access-grant", detail);
        }
    }
}
