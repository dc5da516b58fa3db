package dev.autodeploy.deployer.deployment;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How deployment operations fail, as the client sees it. */
final class DeploymentProblems {

    private DeploymentProblems() {
    }

    /** Also the answer about another organization's deployment. */
    static final class DeploymentNotFound extends ApiException {
        DeploymentNotFound() {
            super(HttpStatus.NOT_FOUND, "deployment-not-found", "No such deployment.");
        }
    }

    static final class InProgress extends ApiException {
        InProgress() {
            super(HttpStatus.CONFLICT, "deployment-in-progress",
                    "The deployment is still queued or running; cancel it or wait for it to end.");
        }
    }

    static final class Finished extends ApiException {
        Finished(String status) {
            super(HttpStatus.CONFLICT, "deployment-finished", "The deployment already ended (" + status + ").");
        }
    }

    static final class NeverReady extends ApiException {
        NeverReady() {
            super(HttpStatus.CONFLICT, "deployment-never-ready",
                    "Only a deployment that reached ready can be rolled back to.");
        }
    }

    static final class CommitBlocked extends ApiException {
        CommitBlocked(String reason) {
            super(HttpStatus.CONFLICT, "commit-blocked", reason + " Unblock it, or deploy with \"force\": true.");
        }
    }

    static final class NoReadyDeployment extends ApiException {
        NoReadyDeployment(String what) {
            super(HttpStatus.NOT_FOUND, "no-ready-deployment", what);
        }
    }

    static final class BranchNotFound extends ApiException {
        BranchNotFound(String branch) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "branch-not-found", "The repository has no branch '" + branch + "'.");
        }
    }

    static final class RepositoryRefused extends ApiException {
        RepositoryRefused(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "repository-not-allowed", detail);
        }
    }

    static final class NoBranch extends ApiException {
        NoBranch() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "branch-required",
                    "This environment follows no branch: name a branch or a commit to deploy.");
        }
    }

    static final class StatusOwnedByTarget extends ApiException {
        StatusOwnedByTarget(String target) {
            super(HttpStatus.CONFLICT, "status-owned-by-target", "The " + target + " target runs this deployment"
                    + " itself and reports its status; a callback may only add metadata.");
        }
    }

    static final class UnknownStatus extends ApiException {
        UnknownStatus(String status) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-status", "Unknown status '" + status + "': use queued,"
                    + " building, deploying, ready, error, cancelled (or running, success, failed, canceled).");
        }
    }

    static final class InvalidTransition extends ApiException {
        InvalidTransition(String from, String to) {
            super(HttpStatus.CONFLICT, "invalid-transition", "A deployment cannot go from " + from + " to " + to + ".");
        }
    }

    static final class CallbackUnauthorized extends ApiException {
        CallbackUnauthorized() {
            super(HttpStatus.UNAUTHORIZED, "unauthorized", "A status callback needs a user's access token, or the"
                    + " deployment's callback token in X-AutoDeploy-Token (or an X-AutoDeploy-Signature of the body).");
        }
    }

    static final class MalformedReport extends ApiException {
        MalformedReport() {
            super(HttpStatus.BAD_REQUEST, "bad-request", "The body is not a JSON status report.");
        }
    }

    static final class MetadataTooLarge extends ApiException {
        MetadataTooLarge() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "metadata-too-large", "Metadata is limited to 16 KiB of JSON.");
        }
    }

    static final class InvalidFilter extends ApiException {
        InvalidFilter(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-filter", detail);
        }
    }
}
