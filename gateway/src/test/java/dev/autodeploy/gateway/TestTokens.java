package dev.autodeploy.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Access tokens as auth-service issues them (RS256, {@code kid}, {@code iss}, {@code aud}, {@code sub},
 * 15-minute {@code exp}, {@code jti}), signed by a key pair made for this test run, whose public half
 * the auth-service stand-in serves as its JWKS.
 */
public final class TestTokens {

    public static final String ISSUER = "autodeploy";
    public static final String AUDIENCE = "autodeploy-api";

    private final RSAKey key = newKey("test-signing-key");

    /** A fresh RS256 key pair with this {@code kid}. */
    public static RSAKey newKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public RSAKey key() {
        return key;
    }

    /** The JWKS document with the public key only. */
    public String jwks() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /** The claims of a valid access token for {@code subject}, to adjust before signing. */
    public JWTClaimsSet.Builder claims(String subject) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString());
    }

    /** A valid access token for {@code subject}. */
    public String forUser(String subject) {
        return sign(claims(subject).build());
    }

    public String sign(JWTClaimsSet claims) {
        return signWith(key, claims);
    }

    public static String signWith(RSAKey signingKey, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
