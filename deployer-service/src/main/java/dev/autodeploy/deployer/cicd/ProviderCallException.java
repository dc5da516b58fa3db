package dev.autodeploy.deployer.cicd;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A call to a provider (Jenkins, GitHub, GitLab, a Kubernetes API server) that did not succeed: the HTTP status it
 * answered ({@code 0} when it could not be reached), and how long it asked us to wait when it sent
 * {@code Retry-After}. The message names the provider and the status only, never a response body: a provider's
 * error page may echo the credentials of the request.
 */
public class ProviderCallException extends RuntimeException {

    private final String provider;
    private final int status;
    private final Duration retryAfter;

    public ProviderCallException(String provider, int status, Duration retryAfter, String message) {
        super(message);
        this.provider = provider;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ProviderCallException(String provider, String message, Throwable cause) {
        super(message, cause);
        this.provider = provider;
        this.status = 0;
        this.retryAfter = null;
    }

    /** The exception for an error response, with its {@code Retry-After} (seconds or an HTTP date). */
    public static ProviderCallException from(String provider, ClientHttpResponse response, Clock clock)
            throws IOException {
        int status = response.getStatusCode().value();
        Duration retryAfter = retryAfter(response.getHeaders(), clock).orElse(null);
        return new ProviderCallException(provider, status, retryAfter,
                provider + " answered HTTP " + status + describe(status));
    }

    /** A provider that could not be reached or answered nothing usable. */
    public static ProviderCallException unreachable(String provider, Throwable cause) {
        return new ProviderCallException(provider, provider + " could not be reached ("
                + cause.getClass().getSimpleName() + ")", cause);
    }

    static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.strip();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(trimmed))));
        }
        catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(clock.instant(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            }
            catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String describe(int status) {
        return switch (status) {
            case 401 -> " (the credentials were refused)";
            case 403 -> " (forbidden: missing permission, or a rate limit)";
            case 404 -> " (not found)";
            case 429 -> " (rate limited)";
            default -> status >= 500 ? " (a server error)" : "";
        };
    }

    public String provider() {
        return provider;
    }

    /** The HTTP status, {@code 0} when there was no response. */
    public int status() {
        return status;
    }

    /** What the provider asked for in {@code Retry-After}, if anything. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Worth trying again: no response, a server error, a rate limit (429, or 403 with {@code Retry-After}, as
     * GitHub's secondary rate limits answer), or a request timeout (408).
     */
    public boolean retryable() {
        return status == 0 || status >= 500 || status == 429 || status == 408
                || (status == 403 && retryAfter != null);
    }
}
