package dev.autodeploy.auth.oauth;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Runs one HTTP call to a provider and turns any failure into {@link OAuthProblems.ProviderFailed}.
 * The log line says what failed and the HTTP status, nothing more: exception messages may quote
 * response bodies, and those may hold tokens or personal data. The cause is dropped for the same reason.
 */
final class ProviderCalls {

    private static final Logger log = LoggerFactory.getLogger(ProviderCalls.class);

    private ProviderCalls() {
    }

    static <T> T call(String provider, String what, Supplier<T> request) {
        T result;
        try {
            result = request.get();
        }
        catch (RestClientResponseException ex) {
            log.warn("{} {} failed: HTTP {}", provider, what, ex.getStatusCode().value());
            throw new OAuthProblems.ProviderFailed(provider);
        }
        catch (RestClientException ex) {
            log.warn("{} {} failed: {}", provider, what, ex.getClass().getSimpleName());
            throw new OAuthProblems.ProviderFailed(provider);
        }
        if (result == null) {
            log.warn("{} {} answered without a body", provider, what);
            throw new OAuthProblems.ProviderFailed(provider);
        }
        return result;
    }

    /** A provider's error code as safe to log: letters, digits and underscores, at most 64 of them. */
    static String errorCode(String code) {
        return code == null ? "(none)" : code.replaceAll("[^A-Za-z0-9_]", "?").substring(0, Math.min(64, code.length()));
    }
}
