package dev.autodeploy.gateway;

import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.junit.jupiter.SpringExtension;
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
 * Each test class registers its own ({@code @RegisterExtension static final}) and so gets a Redis
 * key prefix of its own; the keys are deleted after each test, the stand-ins stopped after the class.
 */
public final class ServiceStandIns implements AfterEachCallback, AfterAllCallback {

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
    public final String redisKeyPrefix = "test:gateway:" + UUID.randomUUID() + ":";

    private ServiceStandIns() {
        auth.stubFor(get("/actuator/health").willReturn(okJson("{\"status\":\"UP\"}")));
        auth.stubFor(get("/.well-known/jwks.json").willReturn(okJson(tokens.jwks())));
        auth.stubFor(any(urlPathMatching("/api/v1/(auth|invitations|organizations|users)(/.*)?"))
                // Like our services, the stand-in echoes the request id it was given.
                .willReturn(okJson("{\"from\":\"auth\"}").withTransformers("response-template")
                        .withHeader("X-Request-Id", "{{request.headers.X-Request-Id}}")));
        deployer.stubFor(get("/actuator/health").willReturn(aResponse().withStatus(503)
                .withHeader("Content-Type", "application/json").withBody("{\"status\":\"DOWN\"}")));
        deployer.stubFor(get(urlPathMatching("/api/v1/(projects|cicd-providers)/.*"))
                .willReturn(okJson("{\"from\":\"deployer\"}")));
        deployer.stubFor(post(urlPathMatching("/api/v1/(projects/[^/]+/deployments.*|deployments/[^/]+/(retry|rollback|cancel))"))
                .willReturn(okJson("{\"from\":\"deployer\"}").withStatus(201)));
        deployer.stubFor(patch(urlPathMatching("/api/v1/deployments/[^/]+/status")).willReturn(okJson("{\"from\":\"deployer\"}")));
        deployer.stubFor(post(urlPathMatching("/api/v1/webhooks/.*"))
                .willReturn(okJson("{\"from\":\"deployer\"}").withStatus(202)));
    }

    public static ServiceStandIns start() {
        return new ServiceStandIns();
    }

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        return server;
    }

    /** Points the gateway at the stand-ins, their JWKS and this class's Redis key prefix. */
    public void register(DynamicPropertyRegistry registry) {
        instance(registry, "auth-service", "http://127.0.0.1:" + auth.port());
        instance(registry, "deployer-service", "http://127.0.0.1:" + deployer.port());
        instance(registry, "monitor-service", "http://127.0.0.1:" + monitor.port());
        instance(registry, "analyzer-service", "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("autodeploy.status.registry-url", () -> "http://127.0.0.1:" + auth.port() + "/actuator/health");
        registry.add("autodeploy.security.jwt.jwks-url", () -> "http://127.0.0.1:" + auth.port() + "/.well-known/jwks.json");
        registry.add("autodeploy.redis.key-prefix", () -> redisKeyPrefix);
    }

    private static void instance(DynamicPropertyRegistry registry, String service, String uri) {
        registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].uri", () -> uri);
        registry.add("spring.cloud.discovery.client.simple.instances." + service + "[0].instance-id", () -> service + "-1");
    }

    /** Removes every Redis key this class's gateway wrote, so counts never carry over between tests. */
    @Override
    public void afterEach(ExtensionContext context) {
        ReactiveStringRedisTemplate redis = SpringExtension.getApplicationContext(context)
                .getBean(ReactiveStringRedisTemplate.class);
        redis.scan(ScanOptions.scanOptions().match(redisKeyPrefix + "*").count(1000).build())
                .flatMap(key -> redis.delete(key))
                .then()
                // the outage tests point the gateway at a closed Redis port: nothing was written there
                .onErrorResume(RedisConnectionFailureException.class, unreachable -> Mono.empty())
                .block();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        auth.stop();
        deployer.stop();
        monitor.disposeNow();
    }
}
