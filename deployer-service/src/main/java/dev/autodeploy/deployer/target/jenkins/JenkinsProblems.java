package dev.autodeploy.deployer.target.jenkins;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How a Jenkins pipeline's reports are refused, as the pipeline sees it. */
final class JenkinsProblems {

    private JenkinsProblems() {
    }

    static final class CallbackUnauthorized extends ApiException {
        CallbackUnauthorized() {
            super(HttpStatus.UNAUTHORIZED, "callback-unauthorized",
                    "The report needs the deployment's callback token in the X-AutoDeploy-Token header.");
        }
    }

    static final class DeploymentNotFound extends ApiException {
        DeploymentNotFound() {
            super(HttpStatus.NOT_FOUND, "deployment-not-found", "No such deployment.");
        }
    }

    static final class MalformedReport extends ApiException {
        MalformedReport(String detail) {
            super(HttpStatus.BAD_REQUEST, "malformed-report", detail);
        }
    }
}
