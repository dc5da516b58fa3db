package dev.autodeploy.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.stream.Stream;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.autodeploy.gateway.GatewayIntegrationTest;
import dev.autodeploy.gateway.ServiceStandIns;
import dev.autodeploy.gateway.TestTokens;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's edge checks: RS256 access tokens from auth-service's JWKS on every protected
 * {@code /api/**} request (and nothing else accepted), public paths without a token, 401 as an RFC 9457
 * problem, and CORS from configuration.
 */
@GatewayIntegrationTest
class EdgeSecurityTests {

    @RegisterExtension
    static final ServiceStandIns services = ServiceStandIns.start();
    private static final TestTokens tokens = services.tokens;
    private static final String USER = "7b0e3c52-93f1-4d0a-8b1e-5f2c6a9d4e10";
    private static final String ALLOWED_ORIGIN = "http://localhost:3000";

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @AfterEach
    void forgetRequests() {
        services.auth.resetRequests();
        services.deployer.resetRequests();
    }

    @Test
    void validTokenPassesAndTheAuthorizationHeaderReachesTheService() {
        String token = tokens.forUser(USER);
        client.get().uri("/api/v1/users/" + USER).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.from").isEqualTo("auth");
        services.auth.verify(getRequestedFor(urlEqualTo("/api/v1/users/" + USER))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer " + token)));
    }

    @Test
    void serviceTokensPassToo() {
        client.get().uri("/api/v1/projects/p1").headers(h -> h.setBearerAuth(tokens.forUser("service:deployer-service")))
                .exchange().expectStatus().isOk();
    }

    @Test
    void missingTokenIsA401ProblemWithABearerChallenge() {
        client.get().uri("/api/v1/projects/p1").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unauthorized")
                .jsonPath("$.status").isEqualTo(401)
                .jsonPath("$.instance").isEqualTo("/api/v1/projects/p1")
                .jsonPath("$.requestId").exists();
        services.deployer.verify(0, getRequestedFor(urlEqualTo("/api/v1/projects/p1")));
    }

    @Test
    void browsersGetAProblemNotALoginPage() {
        client.get().uri("/api/v1/organizations").header(HttpHeaders.ACCEPT, "text/html").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType("application/problem+json")
                .expectHeader().doesNotExist(HttpHeaders.LOCATION);
        // /login is the dashboard's page (its index.html), never a login form of the gateway's own
        client.get().uri("/login").exchange().expectStatus().isOk()
                .expectBody(String.class).value(html -> assertThat(html)
                        .contains("<div id=\"root\"></div>").doesNotContain("<form"));
    }

    static Stream<Arguments> refusedTokens() {
        Instant now = Instant.now();
        return Stream.of(
                Arguments.of("expired", tokens.sign(tokens.claims(USER)
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20))))
                        .expirationTime(Date.from(now.minus(Duration.ofMinutes(5)))).build())),
                Arguments.of("not yet valid", tokens.sign(tokens.claims(USER)
                        .notBeforeTime(Date.from(now.plus(Duration.ofMinutes(5)))).build())),
                Arguments.of("without expiry", tokens.sign(tokens.claims(USER).expirationTime(null).build())),
                Arguments.of("wrong issuer", tokens.sign(tokens.claims(USER).issuer("https://evil.example").build())),
                Arguments.of("wrong audience", tokens.sign(tokens.claims(USER).audience("another-api").build())),
                Arguments.of("without subject", tokens.sign(tokens.claims(null).build())),
                Arguments.of("tampered payload", tampered(tokens.forUser(USER))),
                Arguments.of("unknown kid", TestTokens.signWith(TestTokens.newKey("someone-elses-key"),
                        tokens.claims(USER).build())),
                Arguments.of("other key under our kid", TestTokens.signWith(
                        TestTokens.newKey(tokens.key().getKeyID()), tokens.claims(USER).build())),
                Arguments.of("alg none", new PlainJWT(tokens.claims(USER).build()).serialize()),
                Arguments.of("HS256 with the public key as secret", hs256WithPublicKey()),
                Arguments.of("not a JWT", "not-a-jwt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedTokens")
    void refusesTokensThatAreNotValidRs256AccessTokens(String why, String token) {
        client.get().uri("/api/v1/projects/p1").headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unauthorized");
        services.deployer.verify(0, getRequestedFor(urlEqualTo("/api/v1/projects/p1")));
    }

    static Stream<Arguments> publicPaths() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/v1/auth/register"),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/login"),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/refresh"),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/logout"),
                Arguments.of(HttpMethod.GET, "/api/v1/auth/github/url"),
                Arguments.of(HttpMethod.POST, "/api/v1/auth/github/callback"),
                Arguments.of(HttpMethod.GET, "/api/v1/auth/vercel/url"),
                Arguments.of(HttpMethod.GET, "/api/v1/invitations/inv-token-123"),
                Arguments.of(HttpMethod.GET, "/.well-known/jwks.json"),
                Arguments.of(HttpMethod.GET, "/api/v1/status"),
                Arguments.of(HttpMethod.GET, "/actuator/health"),
                Arguments.of(HttpMethod.GET, "/actuator/health/liveness"),
                Arguments.of(HttpMethod.GET, "/actuator/info"),
                Arguments.of(HttpMethod.GET, "/actuator/prometheus"),
                Arguments.of(HttpMethod.GET, "/v3/api-docs"),
                Arguments.of(HttpMethod.POST, "/api/v1/webhooks/github"),
                Arguments.of(HttpMethod.PATCH, "/api/v1/deployments/d1/status"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("publicPaths")
    void publicPathsNeedNoToken(HttpMethod method, String path) {
        client.method(method).uri(path).exchange().expectStatus().is2xxSuccessful();
    }

    @Test
    void jwksIsServedThroughTheGateway() {
        client.get().uri("/.well-known/jwks.json").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.keys[0].kid").isEqualTo(tokens.key().getKeyID());
    }

    @Test
    void callbacksKeepTheirOwnAuthorizationHeaderUnjudged() {
        client.patch().uri("/api/v1/deployments/d1/status").header(HttpHeaders.AUTHORIZATION, "Bearer ci-callback-secret")
                .bodyValue("{\"status\":\"success\"}").exchange().expectStatus().isOk();
        services.deployer.verify(patchRequestedFor(urlEqualTo("/api/v1/deployments/d1/status"))
                .withHeader(HttpHeaders.AUTHORIZATION, equalTo("Bearer ci-callback-secret")));
    }

    @Test
    void onlyTheListedMethodsOfAPublicPathArePublic() {
        client.get().uri("/api/v1/deployments/d1/status").exchange().expectStatus().isUnauthorized();
        client.post().uri("/api/v1/invitations/inv-token-123/accept").exchange().expectStatus().isUnauthorized();
        client.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void queryParameterTokenCountsOnlyOnStreamPaths() {
        String token = tokens.forUser(USER);
        client.get().uri("/api/v1/projects/p1?access_token=" + token).exchange().expectStatus().isUnauthorized();
        client.get().uri("/api/v1/deployments/d1/logs/stream?access_token=" + tampered(token)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void preflightFromAnAllowedOriginNeedsNoToken() {
        client.options().uri("/api/v1/projects/p1")
                .header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "PATCH")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type, X-Request-Id")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, methods -> assertThat(methods).contains("PATCH"))
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        headers -> assertThat(headers).containsIgnoringCase("authorization"));
    }

    @Test
    void disallowedOriginGetsNoCorsHeaders() {
        client.options().uri("/api/v1/projects/p1")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS);
    }

    @Test
    void crossOriginResponsesExposeRequestIdAndRetryAfter() {
        client.get().uri("/api/v1/projects/p1").header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN)
                .headers(h -> h.setBearerAuth(tokens.forUser(USER))).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN)
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("X-Request-Id", "Retry-After"));
        // the page can read a 401 too, and so knows to sign in again
        client.get().uri("/api/v1/projects/p1").header(HttpHeaders.ORIGIN, ALLOWED_ORIGIN).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, ALLOWED_ORIGIN);
    }

    private static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace(USER, "00000000-0000-0000-0000-000000000001");
        assertThat(forged).isNotEqualTo(payload);
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];
    }

    private static String hs256WithPublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(tokens.key().getKeyID()).build(),
                    tokens.claims(USER).build());
            jwt.sign(new MACSigner(tokens.key().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        }
        catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
