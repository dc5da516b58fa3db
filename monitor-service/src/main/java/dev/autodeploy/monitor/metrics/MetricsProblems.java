package dev.autodeploy.monitor.metrics;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How metric requests fail, as the client sees it. */
final class MetricsProblems {

    private MetricsProblems() {
    }

    /** Also the answer about another organization's project, and about a project without deployments. */
    static final class ProjectNotFound extends ApiException {
        ProjectNotFound() {
            super(HttpStatus.NOT_FOUND, "project-not-found", "No such project.");
        }
    }

    static final class InvalidWindow extends ApiException {
        InvalidWindow(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-window", detail);
        }
    }
}
