package dev.autodeploy.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against stand-ins for the services, found through Spring Cloud's simple discovery
 * client: routes per /api/v1 prefix, request ids, WebSocket forwarding and the status report.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.cloud.config.enabled=false", "eureka.client.enabled=false" })
@ActiveProfiles("test")
@AutoConfigureWebTestClient
class GatewayRoutingTests {

    private static final WireMockServer auth = started();
    private static final WireMockServer deployer = started();
    private static final DisposableServer monitor = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .get("/actuator/health", (req, res) -> res.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"status\":\"UP\"}")))
                    .get("/api/v1/deployments/{id}/status", (req, res) -> res.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"from\":\"monitor\",\"id\":\"" + req.param("id") + "\"}")))
                    .ws("/api/v1/deployments/{id}/logs/stream", (in, out) -> out.sendString(
                            in.receive().asString().map(text -> "echo:" + text))))
            .bindNow();
    private static final int CLOSED_PORT = 9;

    @LocalServerPort
    private int port;

    @Autowired
    private WebTestClient client;

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        instance(registry, "auth-service", "http://127.0.0.1:" + auth.port());
        instance(registry, "deployer-service", "http://127.0.0.1:" + deployer.port());
        instance(registry, "monitor-service", "http://127.0.0.1:" + monitor.port());
        instance(registry, "analyzer-service", "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("autodeploy.status.registry-url", () -> "http://127.0.0.1:" + auth.port() + "/actuator/health");
        auth.stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));
        auth.stubFor(get("/api/v1/auth/me").willReturn(okJson("{\"from\":\"auth\"}")));
        deployer.stubFor(get("/actuator/health").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"DOWN\"}")));
        deployer.stubFor(get(urlPathMatching("/api/v1/projects/.*")).willReturn(okJson("{\"from\":\"deployer\"}")));
        deployer.stubFor(patch(urlEqualTo("/api/v1/deployments/d1/status")).willReturn(okJson("{\"from\":\"deployer\"}")));
    }

    private static void instance(DynamicPropertyRegistry registry, String service, String uri) {
        registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> uri);
        registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].instance-id", () -> service + "-1");
    }

    @AfterAll
    static void stop() {
        auth.stop();
        deployer.stop();
        monitor.disposeNow();
    }

    @Test
    void routesEachPrefixToItsServiceAndForwardsARequestId() {
        client.get().uri("/api/v1/auth/me").exchange().expectStatus().isOk()
                .expectHeader().exists("X-Request-Id")
                .expectBody().jsonPath("$.from").isEqualTo("auth");
        auth.verify(getRequestedFor(urlEqualTo("/api/v1/auth/me")).withHeader("X-Request-Id", matching("[0-9a-f-]{36}")));

        client.get().uri("/api/v1/projects/p1").exchange().expectBody().jsonPath("$.from").isEqualTo("deployer");
    }

    @Test
    void keepsAWellFormedClientRequestIdAndReplacesAMalformedOne() {
        client.get().uri("/api/v1/auth/me").header("X-Request-Id", "client-123").exchange()
                .expectHeader().valueEquals("X-Request-Id", "client-123");
        client.get().uri("/api/v1/auth/me").header("X-Request-Id", "not a valid id; " + "x".repeat(200)).exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void deploymentStatusReadsGoToMonitorAndCallbacksToDeployer() {
        client.get().uri("/api/v1/deployments/d1/status").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo("monitor").jsonPath("$.id").isEqualTo("d1");
        client.patch().uri("/api/v1/deployments/d1/status").bodyValue(Map.of("status", "success")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.from").isEqualTo("deployer");
    }

    @Test
    void forwardsWebSocketUpgradesToTheMonitor() {
        List<String> received = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient().execute(
                URI.create("ws://localhost:" + port + "/api/v1/deployments/d1/logs/stream"),
                session -> session.send(Flux.just(session.textMessage("hello")))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1)
                                .doOnNext(received::add))
                        .then())
                .block(Duration.ofSeconds(10));
        assertThat(received).containsExactly("echo:hello");
    }

    @Test
    void unknownPathIsAProblemDetail() {
        client.get().uri("/api/v1/nothing-here").exchange().expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/not-found")
                .jsonPath("$.requestId").exists();
    }

    @Test
    void serviceThatIsDownAnswers503Problem() {
        client.get().uri("/api/v1/repositories").exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/unavailable")
                .jsonPath("$.status").isEqualTo(503)
                .jsonPath("$.trace").doesNotExist();
    }

    @Test
    void statusReportsEachServiceAsSeenThroughDiscovery() {
        Map<String, Object> status = client.get().uri("/api/v1/status").exchange().expectStatus().isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
                }).returnResult().getResponseBody();
        assertThat(status).containsEntry("status", "DEGRADED");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> services = (List<Map<String, Object>>) status.get("services");
        Map<String, String> byName = new HashMap<>();
        services.forEach(s -> byName.put((String) s.get("name"), (String) s.get("status")));
        assertThat(byName).containsEntry("gateway", "UP").containsEntry("discovery-server", "UP")
                .containsEntry("auth-service", "UP").containsEntry("monitor-service", "UP")
                .containsEntry("deployer-service", "DOWN").containsEntry("analyzer-service", "DOWN")
                .containsEntry("config-server", "DOWN");
    }
}
