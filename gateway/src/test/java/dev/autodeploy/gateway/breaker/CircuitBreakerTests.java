package dev.autodeploy.gateway.breaker;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;

import dev.autodeploy.gateway.GatewayIntegrationTest;
import dev.autodeploy.gateway.ServiceStandIns;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-service circuit breakers and time limits of config-repo/gateway.yml, shortened here (deployer: 1 s
 * limit, a window of 4 calls, open for 2 s, one trial call) against the stand-ins; analyzer-service sits on a
 * closed port. Each test works on paths of its own and starts from closed breakers.
 */
@GatewayIntegrationTest
@TestPropertySource(properties = {
        "resilience4j.timelimiter.instances.deployer.timeout-duration=1s",
        "resilience4j.circuitbreaker.instances.deployer.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.deployer.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.deployer.wait-duration-in-open-state=2s",
        "resilience4j.circuitbreaker.instances.deployer.permitted-number-of-calls-in-half-open-state=1" })
class CircuitBreakerTests {

    private static final Duration SLACK = Duration.ofSeconds(5);

    @RegisterExtension
    static final ServiceStandIns services = ServiceStandIns.start();

    @Autowired
    private WebTestClient client;

    @Autowired
    private ReactiveResilience4JCircuitBreakerFactory breakers;

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    @BeforeEach
    void closedBreakers() {
        CircuitBreakerRegistry registry = breakers.getCircuitBreakerRegistry();
        List.of("auth", "monitor", "analyzer", "deployer").forEach(name -> registry.circuitBreaker(name).reset());
    }

    @Test
    void aHangingServiceIsAnswered504WithinItsTimeLimit() {
        String path = "/api/v1/projects/hang-" + UUID.randomUUID();
        services.deployer.stubFor(get(path).willReturn(okJson("{}").withFixedDelay(30_000)));

        long started = System.nanoTime();
        client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .get().uri(path).headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/timeout")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("deployer"))
                .jsonPath("$.instance").isEqualTo(path);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("hanging deployer answered after " + took.toMillis() + " ms");
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(1).plus(SLACK));
    }

    @Test
    void repeatedTimeoutsOpenTheBreakerWhichClosesAgainOnceTheServiceRecovers() {
        String path = "/api/v1/projects/failing-" + UUID.randomUUID();
        services.deployer.stubFor(get(path).willReturn(okJson("{}").withFixedDelay(30_000)));
        for (int i = 0; i < 4; i++) {
            client.get().uri(path).headers(h -> h.setBearerAuth(token())).exchange()
                    .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        }
        assertThat(deployerBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        long started = System.nanoTime();
        expectUnavailable(path).jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("paused"));
        System.out.println("open breaker answered after " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        services.deployer.verify(4, getRequestedFor(urlPathEqualTo(path)));

        services.deployer.stubFor(get(path).willReturn(okJson("{\"from\":\"deployer\"}")));
        await().atMost(Duration.ofSeconds(2).plus(SLACK))
                .until(() -> deployerBreaker().getState() == CircuitBreaker.State.HALF_OPEN);
        client.get().uri(path).headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo("deployer");
        assertThat(deployerBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        services.deployer.verify(5, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void clientErrorsPassThroughAndNeverOpenTheBreaker() {
        String path = "/api/v1/projects/missing-" + UUID.randomUUID();
        services.deployer.stubFor(get(path).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json").withBody("{\"title\":\"Not Found\"}")));
        for (int i = 0; i < 8; i++) {
            client.get().uri(path).headers(h -> h.setBearerAuth(token())).exchange()
                    .expectStatus().isNotFound()
                    .expectBody().jsonPath("$.title").isEqualTo("Not Found");
        }
        assertThat(deployerBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        services.deployer.verify(8, getRequestedFor(urlPathEqualTo(path)));
    }

    @Test
    void aServiceRefusingConnectionsIsAnswered503AtOnce() {
        long started = System.nanoTime();
        client.get().uri("/api/v1/repositories/r-" + UUID.randomUUID()).headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType("application/problem+json")
                .expectHeader().exists("Retry-After")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unavailable")
                .jsonPath("$.detail").value(detail -> assertThat((String) detail).contains("analyzer"));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        System.out.println("dead analyzer answered after " + took.toMillis() + " ms");
        assertThat(took).isLessThan(SLACK);
    }

    @Test
    void theWebSocketStreamsAreNotBehindTheBreaker() {
        breakers.getCircuitBreakerRegistry().circuitBreaker("monitor").transitionToOpenState();
        client.get().uri("/api/v1/deployments/d-" + UUID.randomUUID() + "/status").headers(h -> h.setBearerAuth(token()))
                .exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);

        List<String> received = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient().execute(
                URI.create("ws://localhost:" + port + "/api/v1/deployments/d1/logs/stream?access_token=" + token()),
                session -> session.send(Flux.just(session.textMessage("hello")))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1).doOnNext(received::add))
                        .then())
                .block(Duration.ofSeconds(10));
        assertThat(received).containsExactly("echo:hello");
    }

    @Test
    void auditExportsAreNotBehindTheBreaker() {
        breakers.getCircuitBreakerRegistry().circuitBreaker("auth").transitionToOpenState();
        String organization = "/api/v1/organizations/o-" + UUID.randomUUID();
        client.get().uri(organization + "/audit").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        client.get().uri(organization + "/audit/export?format=ndjson").headers(h -> h.setBearerAuth(token()))
                .exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo("auth");
    }

    private WebTestClient.BodyContentSpec expectUnavailable(String path) {
        return client.get().uri(path).headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType("application/problem+json")
                .expectHeader().valueEquals("Retry-After", "2")
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unavailable");
    }

    private CircuitBreaker deployerBreaker() {
        return breakers.getCircuitBreakerRegistry().circuitBreaker("deployer");
    }

    private String token() {
        return services.tokens.forUser("u-" + UUID.randomUUID());
    }
}
