package dev.autodeploy.deployer.project;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How project and environment operations fail, as the client sees it. */
public final class ProjectProblems {

    private ProjectProblems() {
    }

    /** Also the answer about another organization's project: its existence is not revealed. */
    public static final class ProjectNotFound extends ApiException {
        public ProjectNotFound() {
            super(HttpStatus.NOT_FOUND, "project-not-found", "No such project.");
        }
    }

    public static final class EnvironmentNotFound extends ApiException {
        public EnvironmentNotFound(String name) {
            super(HttpStatus.NOT_FOUND, "environment-not-found", "The project has no environment '" + name + "'.");
        }
    }

    static final class RepositoryNotAnalyzed extends ApiException {
        RepositoryNotAnalyzed() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "repository-not-analyzed",
                    "The repository has no successful analysis in this organization yet: analyze it first"
                            + " (POST /api/v1/repositories/{id}/analyze).");
        }
    }

    static final class SlugTaken extends ApiException {
        SlugTaken(String slug) {
            super(HttpStatus.CONFLICT, "project-slug-taken", "The organization already has a project '" + slug + "'.");
        }
    }

    static final class EnvironmentExists extends ApiException {
        EnvironmentExists(String name) {
            super(HttpStatus.CONFLICT, "environment-exists", "The project already has an environment '" + name + "'.");
        }
    }

    static final class ProductionKept extends ApiException {
        ProductionKept() {
            super(HttpStatus.CONFLICT, "production-environment-required",
                    "A project keeps its production environment; delete the project instead.");
        }
    }

    static final class DeploymentsInProgress extends ApiException {
        DeploymentsInProgress(String what) {
            super(HttpStatus.CONFLICT, "deployments-in-progress",
                    "Deployments of this " + what + " are queued or running; cancel them first.");
        }
    }

    static final class UnknownTarget extends ApiException {
        UnknownTarget(String target, java.util.Collection<String> known) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "unknown-target", "There is no deploy target '" + target
                    + "' here; available: " + String.join(", ", new java.util.TreeSet<>(known)) + ".");
        }
    }

    static final class InvalidBuildConfiguration extends ApiException {
        InvalidBuildConfiguration(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-build-configuration", detail);
        }
    }

    static final class InvalidSort extends ApiException {
        InvalidSort(String allowed) {
            super(HttpStatus.BAD_REQUEST, "invalid-sort", "Projects can be sorted by " + allowed + " only.");
        }
    }
}
