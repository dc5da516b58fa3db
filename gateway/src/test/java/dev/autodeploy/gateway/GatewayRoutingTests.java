package dev.autodeploy.gateway;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;
import reactor.core.publisher.Flux;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against stand-ins for the services ({@link ServiceStandIns}): routes per /api/v1
 * prefix, request ids, WebSocket forwarding and the status report, with a valid access token.
 */
@GatewayIntegrationTest
class GatewayRoutingTests {

    @RegisterExtension
    static final ServiceStandIns services = ServiceStandIns.start();
    private static final WireMockServer auth = services.auth;

    @LocalServerPort
    private int port;

    @Autowired
    private WebTestClient client;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        services.register(registry);
    }

    private String token() {
        return services.tokens.forUser("3f6c2a1e-7d4b-4c55-9a3e-2b8f0c1d9e77");
    }

    @Test
    void routesEachPrefixToItsServiceAndForwardsARequestId() {
        client.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token())).exchange().expectStatus().isOk()
                .expectHeader().exists("X-Request-Id")
                .expectBody().jsonPath("$.from").isEqualTo("auth");
        auth.verify(getRequestedFor(urlEqualTo("/api/v1/auth/me")).withHeader("X-Request-Id", matching("[0-9a-f-]{36}")));
        // The personal audit log rides the auth route (/api/v1/users/**) with its query.
        client.get().uri("/api/v1/users/me/audit?action=session.*&limit=5").headers(h -> h.setBearerAuth(token()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.from").isEqualTo("auth");
        auth.verify(getRequestedFor(urlEqualTo("/api/v1/users/me/audit?action=session.*&limit=5")));

        client.get().uri("/api/v1/projects/p1").headers(h -> h.setBearerAuth(token())).exchange()
                .expectBody().jsonPath("$.from").isEqualTo("deployer");
        client.get().uri("/api/v1/cicd-providers/c1").headers(h -> h.setBearerAuth(token())).exchange()
                .expectBody().jsonPath("$.from").isEqualTo("deployer");
        // a webhook carries its provider's signature, not a user's token
        client.post().uri("/api/v1/webhooks/github").exchange()
                .expectBody().jsonPath("$.from").isEqualTo("deployer");
    }

    @Test
    void keepsAWellFormedClientRequestIdAndReplacesAMalformedOne() {
        client.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token()))
                .header("X-Request-Id", "client-123").exchange()
                // Once, although both the gateway and the service set it.
                .expectHeader().values("X-Request-Id", ids -> assertThat(ids).containsExactly("client-123"));
        client.get().uri("/api/v1/auth/me").headers(h -> h.setBearerAuth(token()))
                .header("X-Request-Id", "not a valid id; " + "x".repeat(200)).exchange()
                .expectHeader().value("X-Request-Id", id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void deploymentStatusReadsGoToMonitorAndCallbacksToDeployer() {
        client.get().uri("/api/v1/deployments/d1/status").headers(h -> h.setBearerAuth(token())).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.from").isEqualTo("monitor").jsonPath("$.id").isEqualTo("d1");
        client.patch().uri("/api/v1/deployments/d1/status").bodyValue(Map.of("status", "success")).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.from").isEqualTo("deployer");
    }

    @Test
    void forwardsWebSocketUpgradesToTheMonitor() {
        List<String> received = new CopyOnWriteArrayList<>();
        new ReactorNettyWebSocketClient().execute(
                URI.create("ws://localhost:" + port + "/api/v1/deployments/d1/logs/stream?access_token=" + token()),
                session -> session.send(Flux.just(session.textMessage("hello")))
                        .thenMany(session.receive().map(WebSocketMessage::getPayloadAsText).take(1)
                                .doOnNext(received::add))
                        .then())
                .block(Duration.ofSeconds(10));
        assertThat(received).containsExactly("echo:hello");
    }

    @Test
    void unknownPathIsAProblemDetail() {
        client.get().uri("/api/v1/nothing-here").headers(h -> h.setBearerAuth(token())).exchange().expectStatus().isEqualTo(HttpStatus.NOT_FOUND)
                .expectHeader().contentType("application/problem+json")
                .expectBody().jsonPath("$.type").isEqualTo("https://autodeploy.dev/problems/not-found")
                .jsonPath("$.requestId").exists();
    }

    @Test
    void serviceThatIsDownAnswers503Problem() {
        client.get().uri("/api/v1/repositories").headers(h -> h.setBearerAuth(token())).exchange().expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
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
