package dev.autodeploy.deployer.release;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How release operations fail, as the client sees it. */
final class ReleaseProblems {

    private ReleaseProblems() {
    }

    /** Also the answer about another organization's deployment. */
    static final class DeploymentNotFound extends ApiException {
        DeploymentNotFound() {
            super(HttpStatus.NOT_FOUND, "deployment-not-found", "No such deployment.");
        }
    }

    static final class ReleaseNotFound extends ApiException {
        ReleaseNotFound() {
            super(HttpStatus.NOT_FOUND, "release-not-found", "The deployment never reached ready: it has no release.");
        }
    }

    static final class NoRelease extends ApiException {
        NoRelease() {
            super(HttpStatus.CONFLICT, "no-release-to-roll-back-to",
                    "The deployment has no release to roll back to (it never reached ready).");
        }
    }

    static final class BlockedCommitNotFound extends ApiException {
        BlockedCommitNotFound(String commit) {
            super(HttpStatus.NOT_FOUND, "blocked-commit-not-found",
                    "Commit " + (commit.length() > 64 ? commit.substring(0, 64) : commit)
                            + " is not blocked in this environment.");
        }
    }

    static final class AmbiguousCommit extends ApiException {
        AmbiguousCommit(String commit) {
            super(HttpStatus.CONFLICT, "ambiguous-commit",
                    "More than one blocked commit starts with " + commit + "; give more digits.");
        }
    }
}
