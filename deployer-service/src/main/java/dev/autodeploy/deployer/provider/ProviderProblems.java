package dev.autodeploy.deployer.provider;

import dev.autodeploy.support.web.ApiException;
import org.springframework.http.HttpStatus;

/** How provider look-ups fail, as the client sees it. */
final class ProviderProblems {

    private ProviderProblems() {
    }

    static final class ProviderNotFound extends ApiException {
        ProviderNotFound() {
            super(HttpStatus.NOT_FOUND, "provider-not-found",
                    "AutoDeploy knows no provider by that name; GET /api/v1/providers lists them.");
        }
    }

    static final class InvalidSort extends ApiException {
        InvalidSort(String allowed) {
            super(HttpStatus.BAD_REQUEST, "invalid-sort", "Providers can be sorted by " + allowed + " only.");
        }
    }
}
