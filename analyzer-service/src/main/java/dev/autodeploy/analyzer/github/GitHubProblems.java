package dev.autodeploy.analyzer.github;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How GitHub discovery and import fail, as the client sees it. Never GitHub's or auth-service's own text. */
public final class GitHubProblems {

    private GitHubProblems() {
    }

    /** The user has no GitHub connection, or GitHub no longer accepts its token. */
    public static final class NotConnected extends ApiException {
        NotConnected(String detail) {
            super(HttpStatus.CONFLICT, "github-not-connected", detail);
        }
    }

    public static final class RepositoryNotFound extends ApiException {
        RepositoryNotFound() {
            super(HttpStatus.NOT_FOUND, "github-repository-not-found",
                    "GitHub has no such repository, or your GitHub account cannot see it.");
        }
    }

    /** GitHub or auth-service did not answer as expected (down, circuit open, rate limited, misconfigured). */
    public static final class Unavailable extends ApiException {
        Unavailable(String detail) {
            super(HttpStatus.SERVICE_UNAVAILABLE, "github-unavailable", detail);
        }
    }
}
