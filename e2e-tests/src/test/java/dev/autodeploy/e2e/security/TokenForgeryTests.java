package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.Suite;

/**
 * Forged access tokens are refused with a 401 problem by the gateway and by every service on its own port (each is a
 * resource server: the gateway's check is not the only one), while the real token is let through.
 */
@Tag("security")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenForgeryTests {

    private SecurityTarget target;
    private Api gateway;
    private Accounts.Organization org;
    private SignedJWT real;
    private RSAKey published;
    private Optional<RSAKey> suiteKey;
    private RSAKey foreignKid;
    private RSAKey foreignWithRealKid;

    @BeforeAll
    void signIn(Suite suite) throws Exception {
        target = new SecurityTarget(suite);
        gateway = suite.api();
        org = new Accounts(target.direct("auth-service")).organization("forgery");
        real = SignedJWT.parse(org.owner().accessToken());
        JWKSet jwks = JWKSet.parse(target.direct("auth-service").get("/.well-known/jwks.json").expect(200).toString());
        published = (RSAKey) jwks.getKeyByKeyId(real.getHeader().getKeyID());
        assertThat(published).as("the token's kid is published in the JWKS").isNotNull();
        suiteKey = SuiteSigningKey.read(target);
        foreignKid = foreignKey(UUID.randomUUID().toString());
        foreignWithRealKid = foreignKey(published.getKeyID());
    }

    /** One protected read per service, each reached through the gateway and directly. */
    private List<Endpoint> endpoints() {
        String query = "?organizationId=" + org.id();
        List<String> paths = List.of("/api/v1/organizations", "/api/v1/repositories" + query,
                "/api/v1/projects" + query, "/api/v1/alert-rules" + query);
        List<String> owners = List.copyOf(SecurityTarget.SERVICES.keySet());
        List<Endpoint> endpoints = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            endpoints.add(new Endpoint("gateway", gateway.base(), paths.get(i)));
            endpoints.add(new Endpoint(owners.get(i), target.service(owners.get(i)), paths.get(i)));
        }
        return endpoints;
    }

    private record Endpoint(String via, URI base, String path) {
        @Override
        public String toString() {
            return via + " " + path.replaceAll("\\?.*", "");
        }
    }

    private record Forgery(String name, Supplier<String> token) {
    }

    private List<Forgery> forgeries() {
        return List.of(
                new Forgery("alg none", () -> new PlainJWT(claims().build()).serialize()),
                new Forgery("alg none, real header and payload, signature dropped", () -> {
                    String[] parts = real.serialize().split("\\.");
                    return parts[0] + "." + parts[1] + ".";
                }),
                new Forgery("HS256 keyed with the JWKS public key", () -> hs256(publicKeyBytes())),
                new Forgery("HS256 keyed with the JWKS JSON", () -> hs256(published.toPublicJWK().toJSONString().getBytes())),
                new Forgery("RS256 by a foreign key, foreign kid", () -> rs256(foreignKid, claims())),
                new Forgery("RS256 by a foreign key with the real kid", () -> rs256(foreignWithRealKid, claims())),
                new Forgery("real signature, tampered payload (other sub)", () -> {
                    String[] parts = real.serialize().split("\\.");
                    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
                            claims().subject(UUID.randomUUID().toString()).build().toString().getBytes());
                    return parts[0] + "." + payload + "." + parts[2];
                }),
                new Forgery("expired (signed by the suite's key)", () -> bySuiteKey(claims()
                        .issueTime(Date.from(Instant.now().minusSeconds(7200))).notBeforeTime(Date.from(Instant.now().minusSeconds(7200)))
                        .expirationTime(Date.from(Instant.now().minusSeconds(3600))))),
                new Forgery("wrong issuer (signed by the suite's key)", () -> bySuiteKey(claims().issuer("https://evil.example"))),
                new Forgery("wrong audience (signed by the suite's key)", () -> bySuiteKey(claims().audience("someone-else"))),
                new Forgery("no audience (signed by the suite's key)", () -> bySuiteKey(claims().audience(List.of()))));
    }

    @TestFactory
    Stream<DynamicNode> forgedTokensAreRefusedEverywhere() {
        List<Endpoint> endpoints = endpoints();
        return forgeries().stream().map(forgery -> DynamicContainer.dynamicContainer(forgery.name(), endpoints.stream()
                .map(endpoint -> DynamicTest.dynamicTest(endpoint.toString(), () -> {
                    Api.Response response = new Api(endpoint.base()).as(forgery.token().get()).get(endpoint.path());
                    assertThat(response.status()).as("%s at %s: %s", forgery.name(), endpoint, response).isEqualTo(401);
                    if (response.bytes().length > 0) {
                        assertThat(response.header("Content-Type")).as("%s at %s", forgery.name(), endpoint)
                                .startsWith("application/problem+json");
                    }
                }))));
    }

    @TestFactory
    Stream<DynamicTest> realTokensAreAccepted() {
        return endpoints().stream().flatMap(endpoint -> Stream.of(
                DynamicTest.dynamicTest("the issued token at " + endpoint, () ->
                        new Api(endpoint.base()).as(org.owner()).get(endpoint.path()).expect(200)),
                DynamicTest.dynamicTest("a token re-signed with the suite's key at " + endpoint, () ->
                        new Api(endpoint.base()).as(bySuiteKey(claims())).get(endpoint.path()).expect(200))));
    }

    private JWTClaimsSet.Builder claims() {
        try {
            return new JWTClaimsSet.Builder(real.getJWTClaimsSet()).jwtID(UUID.randomUUID().toString());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hs256(byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims().build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] publicKeyBytes() {
        try {
            return published.toRSAPublicKey().getEncoded();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RSAKey foreignKey(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private String bySuiteKey(JWTClaimsSet.Builder claims) {
        assumeTrue(suiteKey.isPresent(), "the suite's signing key is out of reach (database or TOKEN_VAULT_LOCAL_KEY)");
        return rs256(suiteKey.get(), claims);
    }

    private static String rs256(RSAKey key, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
