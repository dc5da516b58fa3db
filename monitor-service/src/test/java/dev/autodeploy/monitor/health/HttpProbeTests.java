package dev.autodeploy.monitor.health;

import java.time.Clock;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/** One probe against a WireMock app, without Spring: status range, redirects, timeouts, a refused target. */
class HttpProbeTests {

    private WireMockServer app;

    @BeforeEach
    void start() {
        app = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    @Test
    void aStatusInTheRangePassesAndOneOutsideFailsWithTheStatus() {
        HttpProbe probe = probe(true, 200, 299);
        app.stubFor(WireMock.get(urlPathEqualTo("/ok/healthz")).willReturn(aResponse().withStatus(204)));
        app.stubFor(WireMock.get(urlPathEqualTo("/down/healthz")).willReturn(aResponse().withStatus(503)
                .withBody("x".repeat(100_000))));

        HttpProbe.Result ok = probe.probe(app.baseUrl() + "/ok/");
        assertThat(ok.healthy()).isTrue();
        assertThat(ok.statusCode()).isEqualTo(204);
        assertThat(ok.error()).isNull();

        HttpProbe.Result down = probe.probe(app.baseUrl() + "/down");
        assertThat(down.healthy()).isFalse();
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.error()).isEqualTo("status 503 is outside 200-299");
    }

    @Test
    void aRedirectIsNotFollowed() {
        app.stubFor(WireMock.get(urlPathEqualTo("/moved/healthz")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", app.baseUrl() + "/elsewhere")));
        app.stubFor(WireMock.get(urlPathEqualTo("/elsewhere")).willReturn(aResponse().withStatus(200)));

        HttpProbe.Result result = probe(true, 200, 299).probe(app.baseUrl() + "/moved");

        assertThat(result.healthy()).isFalse();
        assertThat(result.statusCode()).isEqualTo(302);
        assertThat(app.countRequestsMatching(getRequestedFor(urlPathEqualTo("/elsewhere")).build()).getCount())
                .isZero();
    }

    @Test
    void aSlowAppTimesOutAndAClosedPortIsUnreachable() {
        app.stubFor(WireMock.get(urlPathEqualTo("/slow/healthz")).willReturn(aResponse().withStatus(200)
                .withFixedDelay(3000)));
        HttpProbe probe = probe(true, 200, 399);

        HttpProbe.Result slow = probe.probe(app.baseUrl() + "/slow");
        assertThat(slow.healthy()).isFalse();
        assertThat(slow.statusCode()).isNull();
        assertThat(slow.error()).isEqualTo("timed out");

        int port = app.port();
        app.stop();
        HttpProbe.Result closed = probe.probe("http://127.0.0.1:" + port);
        assertThat(closed.healthy()).isFalse();
        assertThat(closed.error()).isEqualTo("connection refused or unreachable");
    }

    @Test
    void aRefusedTargetIsNotCalled() {
        app.stubFor(WireMock.get(urlPathEqualTo("/healthz")).willReturn(aResponse().withStatus(200)));

        HttpProbe.Result result = probe(false, 200, 399).probe(app.baseUrl());

        assertThat(result.healthy()).isFalse();
        assertThat(result.error()).startsWith("refused: ");
        assertThat(app.getAllServeEvents()).isEmpty();
    }

    private static HttpProbe probe(boolean allowPrivate, int min, int max) {
        HealthProperties properties = new HealthProperties(true, "/healthz", Duration.ofSeconds(30),
                Duration.ofMillis(500), min, max, 3, 1024, 100, Duration.ofSeconds(5), 50, allowPrivate);
        return new HttpProbe(properties, new TargetAddressPolicy(properties), Clock.systemUTC(), RestClient.builder());
    }
}
