package dev.autodeploy.deployer.cicd;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Provider calls against a real HTTP server: server errors and rate limits retried (waiting what
 * {@code Retry-After} asks), a 404 handed straight back, and a provider that keeps failing shut off by its breaker
 * until it has had time to recover — without affecting another instance.
 */
class ProviderCallsTests {

    private final WireMockServer provider = new WireMockServer(options().dynamicPort());
    private ProviderCalls calls;
    private RestClient http;

    @BeforeEach
    void start() {
        provider.start();
        ProviderCallProperties properties = new ProviderCallProperties(Duration.ofSeconds(2), Duration.ofSeconds(2),
                3, Duration.ofMillis(50), 2, Duration.ofMillis(200), Duration.ofSeconds(5));
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(java.util.Map.of(ProviderCalls.BREAKER_CONFIGURATION,
                CircuitBreakerConfig.custom().slidingWindowSize(4).minimumNumberOfCalls(4).failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofMillis(700)).permittedNumberOfCallsInHalfOpenState(1)
                        .automaticTransitionFromOpenToHalfOpenEnabled(true).build()));
        calls = new ProviderCalls(breakers, RetryRegistry.ofDefaults(), properties);
        http = new ProviderRestClients(RestClient.builder(), properties, Clock.systemUTC()).builder("Test CI")
                .baseUrl(provider.baseUrl()).build();
    }

    @AfterEach
    void stop() {
        provider.stop();
    }

    @Test
    void serverErrorsAreRetriedUntilTheProviderAnswers() {
        provider.stubFor(get("/job").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("recovering"));
        provider.stubFor(get("/job").inScenario("flaky").whenScenarioStateIs("recovering")
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        provider.stubFor(get("/job").inScenario("flaky").whenScenarioStateIs("up").willReturn(okJson("{\"ok\":1}")));

        String body = calls.call("jenkins-a", () -> http.get().uri("/job").retrieve().body(String.class));

        assertThat(body).isEqualTo("{\"ok\":1}");
        provider.verify(3, getRequestedFor(urlEqualTo("/job")));
    }

    @Test
    void rateLimitWaitsAsLongAsRetryAfterSays() {
        provider.stubFor(get("/runs").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        provider.stubFor(get("/runs").inScenario("limited").whenScenarioStateIs("free").willReturn(okJson("[]")));

        Instant before = Instant.now();
        calls.call("github-a", () -> http.get().uri("/runs").retrieve().body(String.class));

        assertThat(Duration.between(before, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        provider.verify(2, getRequestedFor(urlEqualTo("/runs")));
    }

    @Test
    void clientErrorsAreNotRetriedAndCarryNoResponseBody() {
        provider.stubFor(get("/missing").willReturn(aResponse().withStatus(404)
                .withBody("token ghp_leaked was used")));

        assertThatThrownBy(() -> calls.call("gitlab-a", () -> http.get().uri("/missing").retrieve()
                .body(String.class)))
                .isInstanceOfSatisfying(ProviderCallException.class, failure -> {
                    assertThat(failure.status()).isEqualTo(404);
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("Test CI answered HTTP 404").doesNotContain("ghp_");
                });
        provider.verify(1, getRequestedFor(urlEqualTo("/missing")));
        assertThat(calls.state("gitlab-a")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void failingProviderIsShutOffByItsBreakerAndCalledAgainOnceItRecovers() {
        provider.stubFor(get("/down").willReturn(aResponse().withStatus(500)));

        for (int call = 0; call < 2; call++) {
            assertThatThrownBy(() -> calls.call("jenkins-b", () -> http.get().uri("/down").retrieve()
                    .body(String.class))).isInstanceOf(ProviderCallException.class);
        }
        assertThat(calls.state("jenkins-b")).isEqualTo(CircuitBreaker.State.OPEN);
        int requests = provider.getAllServeEvents().size();
        assertThatThrownBy(() -> calls.call("jenkins-b", () -> http.get().uri("/down").retrieve().body(String.class)))
                .isInstanceOf(ProviderUnavailable.class);
        assertThat(provider.getAllServeEvents()).hasSize(requests);
        assertThat(calls.state("jenkins-other")).isEqualTo(CircuitBreaker.State.CLOSED);

        provider.stubFor(get("/down").willReturn(okJson("{\"back\":true}")));
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.state("jenkins-b")
                == CircuitBreaker.State.HALF_OPEN);
        assertThat(calls.call("jenkins-b", () -> http.get().uri("/down").retrieve().body(String.class)))
                .contains("back");
        assertThat(calls.state("jenkins-b")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void unreachableProviderIsRetriedAndReportedWithoutAStatus() {
        int port = provider.port();
        provider.stop();
        RestClient closed = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();

        assertThatThrownBy(() -> calls.call("jenkins-c", () -> closed.get().uri("/x").retrieve().body(String.class)))
                .isInstanceOfSatisfying(ProviderCallException.class, failure -> {
                    assertThat(failure.status()).isZero();
                    assertThat(failure.retryable()).isTrue();
                });
        provider.start();
    }
}
