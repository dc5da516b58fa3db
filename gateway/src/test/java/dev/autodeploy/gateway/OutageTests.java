package dev.autodeploy.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway while what it depends on is unreachable: Redis (requests pass uncounted, the outage
 * is logged once per interval) and auth-service's JWKS (tokens cannot be checked: 503, not 401 or 500).
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {
        "spring.data.redis.host=127.0.0.1",
        "spring.data.redis.port=" + ServiceStandIns.CLOSED_PORT,
        "autodeploy.rate-limit.warning-interval=1h" })
@ExtendWith(OutputCaptureExtension.class)
class OutageTests {

    @RegisterExtension
    static final ServiceStandIns services = ServiceStandIns.start();

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
        registry.add("autodeploy.security.jwt.jwks-url",
                () -> "http://127.0.0.1:" + ServiceStandIns.CLOSED_PORT + "/.well-known/jwks.json");
    }

    @Test
    void withRedisDownRequestsPassUncountedAndTheOutageIsLoggedOnce(CapturedOutput output) {
        for (int i = 0; i < 12; i++) {
            client.post().uri("/api/v1/auth/login").bodyValue("{}").exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Limit");
        }
        assertThat(output.getOut().split("Rate limits are not enforced", -1)).hasSize(2);
    }

    @Test
    void withoutTheJwksTokensCannotBeCheckedAndTheAnswerIs503() {
        client.get().uri("/api/v1/projects/p1").headers(h -> h.setBearerAuth(services.tokens.forUser("u-1"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unavailable");
    }
}
