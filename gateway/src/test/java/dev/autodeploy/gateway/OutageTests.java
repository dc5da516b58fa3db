package dev.autodeploy.gateway;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway while what it depends on is unreachable: auth-service's JWKS (tokens cannot be
 * checked: 503, not 401 or 500).
 */
@GatewayIntegrationTest
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
    void withoutTheJwksTokensCannotBeCheckedAndTheAnswerIs503() {
        client.get().uri("/api/v1/projects/p1").headers(h -> h.setBearerAuth(services.tokens.forUser("u-1"))).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unavailable");
    }
}
