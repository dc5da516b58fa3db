package dev.autodeploy.gateway;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * Stand-ins for the services behind the gateway, found through Spring Cloud's simple discovery
 * client: auth-service (also serving the JWKS of {@link #tokens}) and deployer-service on WireMock,
 * monitor-service on Reactor Netty (for WebSockets), analyzer-service registered on a closed port.
 * Each test class registers its own ({@code @RegisterExtension static final}); they are stopped
 * after the class.
 */
public final class ServiceStandIns implements AfterAllCallback {

    public static final int CLOSED_PORT = 9;

    public final TestTokens tokens = new TestTokens();
    public final WireMockServer auth = started();
    public final WireMockServer deployer = started();
    public final DisposableServer monitor = HttpServer.create().host("127.0.0.1").port(0)
            .route(routes -> routes
                    .get("/actuator/health", (req, res) -> res.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"status\":\"UP\"}")))
                    .get("/api/v1/deployments/{id}/status", (req, res) -> res.header("Content-Type", "application/json")
                            .sendString(Mono.just("{\"from\":\"monitor\",\"id\":\"" + req.param("id") + "\"}")))
                    .ws("/api/v1/deployments/{id}/logs/stream", (in, out) -> out.sendString(
                            in.receive().asString().map(text -> "echo:" + text))))
            .bindNow();

    private ServiceStandIns() {
        auth.stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));
        auth.stubFor(get("/.well-known/jwks.json").willReturn(okJson(tokens.jwks())));
        auth.stubFor(any(urlPathMatching("/api/v1/(auth|invitations|organizations|users)(/.*)?"))
                .willReturn(okJson("{\"from\":\"auth\"}")));
        deployer.stubFor(get("/actuator/health").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"DOWN\"}")));
        deployer.stubFor(get(urlPathMatching("/api/v1/projects/.*")).willReturn(okJson("{\"from\":\"deployer\"}")));
        deployer.stubFor(post(urlPathMatching("/api/v1/(projects/[^/]+/deployments.*|deployments/[^/]+/(retry|rollback|cancel))"))
                .willReturn(okJson("{\"from\":\"deployer\"}").withStatus(201)));
        deployer.stubFor(patch(urlPathMatching("/api/v1/deployments/[^/]+/status")).willReturn(okJson("{\"from\":\"deployer\"}")));
        deployer.stubFor(post(urlPathMatching("/api/v1/webhooks/.*")).willReturn(aResponse().withStatus(202)));
    }

    public static ServiceStandIns start() {
        return new ServiceStandIns();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** Points the gateway at the stand-ins and their JWKS. */
    public void register(DynamicPropertyRegistry registry) {
        instance(registry, "auth-service", "http://127.0.0.1:" + auth.port());
        instance(registry, "deployer-service", "http://127.0.0.1:" + deployer.port());
        instance(registry, "monitor-service", "http://127.0.0.1:" + monitor.port());
        instance(registry, "analyzer-service", "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("autodeploy.status.registry-url", () -> "http://127.0.0.1:" + auth.port() + "/actuator/health");
        registry.add("autodeploy.security.jwt.jwks-url", () -> "http://127.0.0.1:" + auth.port() + "/.well-known/jwks.json");
    }

    private static void instance(DynamicPropertyRegistry registry, String service, String uri) {
        registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> uri);
        registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].instance-id", () -> service + "-1");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        auth.stop();
        deployer.stop();
        monitor.disposeNow();
    }
}
