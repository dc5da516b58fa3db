package dev.autodeploy.gateway.cors;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which browser origins may call the API, with credentials (seed 001's CORS settings).
 *
 * @param allowedOrigins exact origins ({@code ALLOWED_ORIGINS}, comma separated); no wildcard, since credentials are allowed
 * @param allowedMethods methods a cross-origin request may use
 * @param allowedHeaders request headers a cross-origin request may send
 * @param exposedHeaders response headers the browser lets the page read
 * @param maxAge how long a browser may cache a preflight answer
 */
@ConfigurationProperties("autodeploy.cors")
public record CorsProperties(
        @DefaultValue({ "http://localhost:3000", "http://localhost:8080" }) List<String> allowedOrigins,
        @DefaultValue({ "GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS" }) List<String> allowedMethods,
        @DefaultValue({ "Content-Type", "Authorization", "X-Request-Id" }) List<String> allowedHeaders,
        @DefaultValue({ "X-Request-Id", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining" })
        List<String> exposedHeaders,
        @DefaultValue("30m") Duration maxAge) {

    public CorsProperties {
        if (allowedOrigins.stream().anyMatch(origin -> origin.contains("*"))) {
            throw new IllegalArgumentException("autodeploy.cors.allowed-origins must list exact origins, not patterns");
        }
    }
}
