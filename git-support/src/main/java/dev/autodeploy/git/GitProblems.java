package dev.autodeploy.git;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How repository URLs and Git remotes fail, as the client sees it. No answer repeats a URL. */
public final class GitProblems {

    private GitProblems() {
    }

    /** Not an https:// URL (ssh, git@, http, ...), or not a URL at all. */
    public static final class UnsupportedUrl extends ApiException {
        UnsupportedUrl(String detail) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "unsupported-repository-url", detail);
        }
    }

    /** {@code https://user:token@host/...}: credentials are never taken in a URL. */
    public static final class CredentialsInUrl extends ApiException {
        CredentialsInUrl() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "credentials-in-url",
                    "Repository URLs must not contain credentials; import private GitHub repositories through "
                            + "your GitHub connection instead.");
        }
    }

    /** The host is, or resolves to, an address inside the network (loopback, private, link-local, ...). */
    public static final class UnsafeHost extends ApiException {
        UnsafeHost() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "unsafe-repository-host",
                    "The repository's host resolves to a loopback, private, link-local or otherwise internal address.");
        }
    }

    public static final class UnresolvableHost extends ApiException {
        UnresolvableHost() {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "unresolvable-repository-host",
                    "The repository's host name does not resolve.");
        }
    }

    /** The remote did not answer as a Git repository (unreachable, not found, needs credentials). */
    public static final class RemoteUnavailable extends ApiException {
        public RemoteUnavailable(HttpStatus status, String reason) {
            super(status, "repository-unreachable", "The Git repository could not be read: " + reason);
        }
    }

    public static final class BranchNotFound extends ApiException {
        public BranchNotFound(String branch) {
            super(HttpStatus.UNPROCESSABLE_ENTITY, "branch-not-found", "The repository has no branch '" + branch + "'.");
        }
    }
}
