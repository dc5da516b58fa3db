package dev.autodeploy.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway checks access tokens issued by auth-service.
 *
 * @param issuer the {@code iss} every token must carry
 * @param audience a value the token's {@code aud} must contain
 * @param jwksUrl where auth-service publishes its signing keys (JWKS)
 * @param clockSkew leeway for {@code exp} and {@code nbf} between auth-service's clock and ours
 * @param jwksTimeout how long fetching the JWKS may take before the request fails as unavailable
 */
@ConfigurationProperties("autodeploy.security.jwt")
public record JwtProperties(
        @DefaultValue("autodeploy") String issuer,
        @DefaultValue("autodeploy-api") String audience,
        URI jwksUrl,
        @DefaultValue("30s") Duration clockSkew,
        @DefaultValue("5s") Duration jwksTimeout) {

    public JwtProperties {
        Objects.requireNonNull(jwksUrl, "autodeploy.security.jwt.jwks-url must be set");
        if (issuer.isBlank() || audience.isBlank()) {
            throw new IllegalArgumentException("autodeploy.security.jwt.issuer and .audience must not be blank");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("autodeploy.security.jwt.clock-skew must be between 0 and 5 minutes");
        }
    }
}
