package dev.autodeploy.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * Access tokens for tests of services that verify tokens against auth-service's JWKS: a key pair
 * made per test JVM, its public half served as a JWKS on a loopback port (what
 * {@code spring.security.oauth2.resourceserver.jwt.jwk-set-uri} points at in {@link RealInfrastructure}
 * tests), and tokens signed with it as auth-service would sign them.
 */
public final class TestTokens implements AutoCloseable {

    private final RSAKey key;
    private final HttpServer server;

    private TestTokens(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    static TestTokens start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).algorithm(JWSAlgorithm.RS256)
                    .generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/.well-known/jwks.json", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            server.start();
            return new TestTokens(key, server);
        }
        catch (JOSEException | IOException ex) {
            throw new IllegalStateException("Cannot start the test JWKS server", ex);
        }
    }

    /** The tokens of the running test JVM. */
    public static TestTokens get() {
        return TestInfrastructure.get().tokens();
    }

    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/.well-known/jwks.json";
    }

    /** A valid 5-minute access token for {@code userId}. */
    public String forUser(UUID userId) {
        return sign(key, userId.toString(), Instant.now().plus(Duration.ofMinutes(5)));
    }

    /** A token shaped like a valid one but signed by a key nobody published. */
    public String forgedForUser(UUID userId) {
        try {
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
            return sign(stranger, userId.toString(), Instant.now().plus(Duration.ofMinutes(5)));
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String sign(RSAKey signingKey, String subject, Instant expiresAt) {
        try {
            Instant now = Instant.now();
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("autodeploy").audience("autodeploy-api")
                    .subject(subject).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(expiresAt)).jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot sign a test token", ex);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
