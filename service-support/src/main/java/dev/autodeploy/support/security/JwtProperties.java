package dev.autodeploy.support.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What every service accepts as an access token, and which of its paths need none.
 *
 * @param issuer required {@code iss} claim
 * @param audience value the {@code aud} claim must contain
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param publicPaths path patterns under {@code /api} that need no token (login, webhooks, ...), each
 *        optionally preceded by an HTTP method: {@code GET /api/v1/invitations/*}
 */
@ConfigurationProperties("autodeploy.security.jwt")
public record JwtProperties(@DefaultValue("autodeploy") String issuer,
        @DefaultValue("autodeploy-api") String audience,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue List<String> publicPaths) {
}
