package dev.autodeploy.gateway.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.server.util.matcher.OrServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;

import static org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers.pathMatchers;

/** The paths the gateway lets through without an access token, and the two that may carry it in the query. */
final class EdgePaths {

    /**
     * Reached without a token, and a token is not even looked at: sign-in flows, operational
     * endpoints, and callbacks whose signatures (HMAC, CI tokens) the services verify themselves.
     */
    static final ServerWebExchangeMatcher PUBLIC = new OrServerWebExchangeMatcher(
            pathMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login", "/api/v1/auth/refresh",
                    "/api/v1/auth/logout"),
            pathMatchers("/api/v1/auth/github/**", "/api/v1/auth/vercel/**", "/.well-known/jwks.json",
                    "/api/v1/status", "/actuator/health/**", "/actuator/info", "/actuator/prometheus",
                    "/v3/api-docs/**", "/api/v1/webhooks/**"),
            pathMatchers(HttpMethod.GET, "/api/v1/invitations/*", "/api/v1/auth/providers"),
            pathMatchers(HttpMethod.PATCH, "/api/v1/deployments/*/status"));

    /**
     * WebSocket streams: a browser cannot set headers on the upgrade, so the token may come as the
     * {@code access_token} query parameter here (and only here). Not required by the gateway —
     * monitor-service checks it — but one that is given must be valid.
     */
    static final ServerWebExchangeMatcher STREAMS = pathMatchers(HttpMethod.GET,
            "/api/v1/deployments/*/logs/stream", "/api/v1/deployments/*/status/stream");

    /** Everything else here needs a valid token. */
    static final String[] PROTECTED = { "/api/**", "/actuator/**" };

    private EdgePaths() {
    }
}
