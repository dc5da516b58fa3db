package dev.autodeploy.gateway.ratelimit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.autodeploy.gateway.GatewayIntegrationTest;
import dev.autodeploy.gateway.ServiceStandIns;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rate limits counted in the real Redis: the auth limit per client address (seed 001's 10 a
 * minute), the others per user with small limits set here, so the tests stay fast.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {
        "autodeploy.rate-limit.behind-trusted-proxy=true",
        "autodeploy.rate-limit.deployments.requests=2",
        "autodeploy.rate-limit.analyze.requests=2",
        "autodeploy.rate-limit.api.requests=3" })
class RateLimitTests {

    @RegisterExtension
    static final ServiceStandIns services = ServiceStandIns.start();
    private static final String ALICE = "0d9f6a3c-1b2e-4f5a-8c7d-9e0f1a2b3c4d";
    private static final String BOB = "5e4d3c2b-1a0f-4e9d-8c7b-6a5f4e3d2c1b";

    @Autowired
    private WebTestClient client;

    @Autowired
    private ReactiveStringRedisTemplate redis;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @Test
    void eleventhAuthRequestWithinTheMinuteIsRefusedWithRetryAfter() {
        for (int i = 1; i <= 10; i++) {
            login("203.0.113.7").expectStatus().isOk()
                    .expectHeader().valueEquals(RateLimitWebFilter.LIMIT, "10")
                    .expectHeader().valueEquals(RateLimitWebFilter.REMAINING, Integer.toString(10 - i));
        }
        login("203.0.113.7").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().value(HttpHeaders.RETRY_AFTER,
                        seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 60))
                .expectHeader().valueEquals(RateLimitWebFilter.REMAINING, "0")
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/rate-limited")
                .jsonPath("$.status").isEqualTo(429)
                .jsonPath("$.requestId").exists();

        login("203.0.113.8").expectStatus().isOk();
        // Reading one's own account is an ordinary API call, not a credential attempt.
        client.get().uri("/api/v1/auth/me").header(ClientAddressResolver.FORWARDED_FOR, "203.0.113.7")
                .headers(headers -> headers.setBearerAuth(services.tokens.forUser(ALICE))).exchange()
                .expectStatus().isOk();
    }

    @Test
    void perUserLimitCountsEachSubjectSeparately() {
        for (int i = 0; i < 3; i++) {
            getProject(ALICE).expectStatus().isOk();
        }
        getProject(ALICE).expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectHeader().exists(HttpHeaders.RETRY_AFTER);
        getProject(BOB).expectStatus().isOk();
    }

    @Test
    void deploymentsAndTheirActionsShareALimitOfTheirOwn() {
        deploy(ALICE, "/api/v1/projects/p1/deployments").expectStatus().isCreated();
        deploy(ALICE, "/api/v1/deployments/d1/rollback").expectStatus().isCreated();
        deploy(ALICE, "/api/v1/projects/p1/deployments/rollback/last-success")
                .expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS)
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/rate-limited");
        deploy(ALICE, "/api/v1/deployments/d1/retry").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);

        getProject(ALICE).expectStatus().isOk();
        deploy(BOB, "/api/v1/deployments/d1/cancel").expectStatus().isCreated();
    }

    @Test
    void analysisRequestsHaveALimitOfTheirOwn() {
        // analyzer-service is not running: the gateway answers 503 after counting
        deploy(ALICE, "/api/v1/repositories/r1/analyze").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        deploy(ALICE, "/api/v1/repositories/r1/analyze").expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        deploy(ALICE, "/api/v1/repositories/r1/analyze").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }

    @Test
    void anonymousRequestsAreCountedPerAddress() {
        for (int i = 0; i < 3; i++) {
            status("198.51.100.1").expectStatus().isOk();
        }
        status("198.51.100.1").expectStatus().isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        status("198.51.100.2").expectStatus().isOk();
    }

    @Test
    void countersLiveUnderTheConfiguredKeyPrefix() {
        getProject(ALICE).expectStatus().isOk();
        login("203.0.113.9").expectStatus().isOk();
        assertThat(redis.scan(ScanOptions.scanOptions().match(services.redisKeyPrefix + "*").build())
                .collectList().block())
                .containsExactlyInAnyOrder(services.redisKeyPrefix + "gateway:ratelimit:api:user:" + ALICE,
                        services.redisKeyPrefix + "gateway:ratelimit:auth:ip:203.0.113.9");
    }

    @Test
    void preflightsAndPathsOutsideTheApiAreNotCounted() {
        for (int i = 0; i < 5; i++) {
            client.options().uri("/api/v1/projects/p1").header(HttpHeaders.ORIGIN, "http://localhost:3000")
                    .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET").exchange().expectStatus().isOk();
            client.get().uri("/actuator/health").exchange().expectHeader().doesNotExist(RateLimitWebFilter.LIMIT);
        }
    }

    private WebTestClient.ResponseSpec login(String clientAddress) {
        return client.post().uri("/api/v1/auth/login").header(ClientAddressResolver.FORWARDED_FOR, clientAddress)
                .bodyValue("{}").exchange();
    }

    private WebTestClient.ResponseSpec status(String clientAddress) {
        return client.get().uri("/api/v1/status").header(ClientAddressResolver.FORWARDED_FOR, clientAddress).exchange();
    }

    private WebTestClient.ResponseSpec getProject(String user) {
        return client.get().uri("/api/v1/projects/p1").headers(h -> h.setBearerAuth(services.tokens.forUser(user)))
                .exchange();
    }

    private WebTestClient.ResponseSpec deploy(String user, String path) {
        return client.post().uri(path).headers(h -> h.setBearerAuth(services.tokens.forUser(user))).bodyValue("{}")
                .exchange();
    }
}
