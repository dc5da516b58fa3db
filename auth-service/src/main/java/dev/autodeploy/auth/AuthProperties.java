package dev.autodeploy.auth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Lifetimes of what auth-service issues.
 *
 * @param accessTokenTtl lifetime of an access token (JWT)
 * @param refreshTokenTtl lifetime of a refresh token; each use issues a new one
 * @param signingKeyRotation age after which the signing key is replaced by a new one
 */
@ConfigurationProperties("autodeploy.auth")
public record AuthProperties(@DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("90d") Duration signingKeyRotation) {
}
