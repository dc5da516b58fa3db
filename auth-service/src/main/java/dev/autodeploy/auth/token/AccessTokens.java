package dev.autodeploy.auth.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import dev.autodeploy.auth.AuthProperties;
import dev.autodeploy.auth.user.User;
import dev.autodeploy.support.security.JwtProperties;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Issues RS256 access tokens for users and services, signed with the current key and naming it in {@code kid}. */
public class AccessTokens {

    /** Subjects of service tokens start with this; user subjects are UUIDs. */
    public static final String SERVICE_SUBJECT_PREFIX = "service:";
    /** The scope of service tokens, the only one that opens {@code /internal/**}. */
    public static final String INTERNAL_SCOPE = "internal";

    /** An issued token and when it stops being valid. */
    public record Issued(String token, Instant expiresAt) {
    }

    private final SigningKeys keys;
    private final JwtProperties jwt;
    private final AuthProperties properties;
    private final Clock clock;

    AccessTokens(SigningKeys keys, JwtProperties jwt, AuthProperties properties, Clock clock) {
        this.keys = keys;
        this.jwt = jwt;
        this.properties = properties;
        this.clock = clock;
    }

    public Issued issue(User user) {
        return sign(user.getId().toString(), properties.accessTokenTtl(), claims -> claims
                .claim("email", user.getEmail())
                .claim("name", user.getName()));
    }

    /**
     * A token another service presents to auth-service's {@code /internal} API: subject
     * {@code service:<name>}, scope {@code internal}, same issuer and audience as user tokens.
     */
    public Issued issueForService(String serviceName, Duration ttl) {
        return sign(SERVICE_SUBJECT_PREFIX + serviceName, ttl, claims -> claims.claim("scope", INTERNAL_SCOPE));
    }

    private Issued sign(String subject, Duration ttl, Consumer<JwtClaimsSet.Builder> extraClaims) {
        RSAKey key = keys.current();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(jwt.issuer())
                .audience(List.of(jwt.audience()))
                .subject(subject)
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString());
        extraClaims.accept(claims);
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        // A one-key encoder per call: the key may have just been rotated, and the header names it.
        NimbusJwtEncoder encoder = new NimbusJwtEncoder((selector, context) -> selector.select(new JWKSet(key)));
        String token = encoder.encode(JwtEncoderParameters.from(header, claims.build())).getTokenValue();
        return new Issued(token, expiresAt);
    }
}
