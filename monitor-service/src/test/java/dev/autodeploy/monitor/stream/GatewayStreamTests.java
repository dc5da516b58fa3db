package dev.autodeploy.monitor.stream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The streams through the real gateway: the gateway module as built by this reactor ({@code gateway/target/classes}
 * and the runtime classpath its build wrote), run as a child JVM with its configuration from {@code config-repo/},
 * config server and Eureka off, monitor-service found by static discovery at this test's port.
 */
class GatewayStreamTests extends MonitorTest {

    private static final Path GATEWAY = Path.of("..", "gateway", "target").toAbsolutePath().normalize();
    private static final Pattern STARTED_ON = Pattern.compile("Netty started on port (\\d+)");

    private static Process gateway;
    private static int gatewayPort;

    @Autowired
    private Environment environment;

    @AfterAll
    static void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(20, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    private String gateway() throws IOException {
        if (gateway == null) {
            start();
        }
        return "ws://127.0.0.1:" + gatewayPort;
    }

    @Test
    void aClientThroughTheGatewayGetsTheBacklogThenLiveLinesInOrder() throws IOException {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        deployment.status("queued", Instant.now()).status("building", Instant.now());
        for (int i = 1; i <= 10; i++) {
            deployment.log("info", "build_application", "line " + i, Instant.now());
        }
        awaitKnown(deployment.id, "building");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM deployment_logs WHERE deployment_id = ?").param(deployment.id)
                .query(Long.class).single() == 10);

        String base = gateway() + "/api/v1/deployments/" + deployment.id;
        StreamClient logs = StreamClient.connect(base + "/logs/stream?cursor=0&access_token=" + member.token());
        StreamClient status = StreamClient.withSubprotocol(base + "/status/stream", member.token());
        for (int i = 11; i <= 25; i++) {
            deployment.log("info", "build_application", "line " + i, Instant.now());
        }
        deployment.status("deploying", Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> logs.sequences().size() >= 25);
        assertThat(logs.sequences()).containsExactlyElementsOf(LongStream.rangeClosed(1, 25).boxed().toList());
        assertThat(logs.ofType("deployment.log").get(24)).containsEntry("message", "line 25");
        assertThat(status.subprotocol).isEqualTo("bearer");
        await().atMost(Duration.ofSeconds(30)).until(() -> status.ofType("deployment.status").stream()
                .anyMatch(message -> "deploying".equals(message.get("status"))));
        logs.close();
        status.close();
    }

    /**
     * Spring Cloud Gateway accepts the client's upgrade before it connects to the monitor: a handshake the monitor
     * refuses (stranger, no token) reaches the client as a socket closed before any message, not as an HTTP status.
     * A token that is given but invalid the gateway refuses itself, with 401.
     */
    @Test
    void aHandshakeTheMonitorRefusesEndsTheClientsSocketWithoutAMessage() throws IOException {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        deployment.status("queued", Instant.now());
        deployment.log("info", "build_application", "secret-ish line", Instant.now());
        awaitKnown(deployment.id, "queued");
        String uri = gateway() + "/api/v1/deployments/" + deployment.id + "/logs/stream";

        for (String refused : List.of(uri + "?access_token=" + stranger().token(), uri)) {
            StreamClient client = StreamClient.connect(refused);
            assertThat(client.closed).succeedsWithin(Duration.ofSeconds(30));
            assertThat(client.received).isEmpty();
            assertThat(client.closed.join()).isNotEqualTo(1000);
        }
        assertThat(StreamClient.refusal(uri + "?access_token="
                + TestTokens.get().forgedForUser(member.userId()), null)).isEqualTo(401);
    }

    private void start() throws IOException {
        Path classpathFile = GATEWAY.resolve("runtime-classpath.txt");
        if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(GATEWAY.resolve("classes"))) {
            throw new IllegalStateException("Build the gateway module first (its target/ has no classes or "
                    + "runtime-classpath.txt): run Maven with -am, as ./autodeploy test does");
        }
        Path configRepo = Path.of("..", "config-repo").toAbsolutePath().normalize();
        Map<String, String> properties = new TreeMap<>();
        properties.put("spring.cloud.config.enabled", "false");
        properties.put("eureka.client.enabled", "false");
        properties.put("spring.config.import", "file:" + configRepo.resolve("application.yml") + ",file:"
                + configRepo.resolve("gateway.yml"));
        properties.put("server.port", "0");
        properties.put("spring.cloud.discovery.client.simple.instances.monitor-service[0].uri", "http://127.0.0.1:" + port);
        properties.put("spring.cloud.discovery.client.simple.instances.monitor-service[0].instance-id", "monitor-1");
        properties.put("autodeploy.security.jwt.jwks-url", TestTokens.get().jwksUri());
        properties.put("autodeploy.status.registry-url", "http://127.0.0.1:9/actuator/health");
        properties.put("spring.data.redis.host", environment.getProperty("spring.data.redis.host"));
        properties.put("spring.data.redis.port", environment.getProperty("spring.data.redis.port"));
        properties.put("autodeploy.redis.key-prefix", environment.getProperty("autodeploy.redis.key-prefix") + "gateway:");
        String launcher = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(launcher, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", GATEWAY.resolve("classes") + File.pathSeparator
                        + Files.readString(classpathFile).trim()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("dev.autodeploy.gateway.GatewayApplication");
        Path log = GATEWAY.resolve("gateway-stream-test.log");
        gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
            if (!gateway.isAlive()) {
                throw new AssertionError("The gateway exited: " + Files.readString(log));
            }
            Matcher started = STARTED_ON.matcher(Files.readString(log));
            if (started.find()) {
                gatewayPort = Integer.parseInt(started.group(1));
                return true;
            }
            return false;
        });
    }
}
