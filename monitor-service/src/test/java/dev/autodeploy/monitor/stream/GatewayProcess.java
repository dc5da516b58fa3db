package dev.autodeploy.monitor.stream;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.autodeploy.testsupport.TestTokens;
import org.springframework.core.env.Environment;

import static org.awaitility.Awaitility.await;

/**
 * The real gateway in a child JVM: the gateway module as this reactor built it ({@code gateway/target/classes} and
 * the runtime classpath its build wrote), configured from {@code config-repo/}, config server and Eureka off,
 * monitor-service found by static discovery at the given port, tokens checked against the test JWKS.
 */
final class GatewayProcess implements AutoCloseable {

    private static final Path TARGET = Path.of("..", "gateway", "target").toAbsolutePath().normalize();
    private static final Pattern STARTED_ON = Pattern.compile("Netty started on port (\\d+)");

    private final Process process;
    private final int port;

    private GatewayProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The gateway in front of the monitor at {@code monitorPort}, with Redis as the monitor's {@code environment} has it. */
    static GatewayProcess start(int monitorPort, Environment environment) throws IOException {
        Path classpathFile = TARGET.resolve("runtime-classpath.txt");
        if (!Files.isRegularFile(classpathFile) || !Files.isDirectory(TARGET.resolve("classes"))) {
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
        properties.put("spring.cloud.discovery.client.simple.instances.monitor-service[0].uri",
                "http://127.0.0.1:" + monitorPort);
        properties.put("spring.cloud.discovery.client.simple.instances.monitor-service[0].instance-id", "monitor-1");
        properties.put("autodeploy.security.jwt.jwks-url", TestTokens.get().jwksUri());
        properties.put("autodeploy.status.registry-url", "http://127.0.0.1:9/actuator/health");
        properties.put("spring.data.redis.host", environment.getProperty("spring.data.redis.host"));
        properties.put("spring.data.redis.port", environment.getProperty("spring.data.redis.port"));
        properties.put("autodeploy.redis.key-prefix", environment.getProperty("autodeploy.redis.key-prefix")
                + "gateway:");
        String launcher = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(launcher, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                TARGET.resolve("classes") + File.pathSeparator + Files.readString(classpathFile).trim()));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("dev.autodeploy.gateway.GatewayApplication");
        Path log = TARGET.resolve("gateway-stream-test.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int[] port = new int[1];
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The gateway exited: " + Files.readString(log));
                }
                Matcher started = STARTED_ON.matcher(Files.readString(log));
                if (started.find()) {
                    port[0] = Integer.parseInt(started.group(1));
                    return true;
                }
                return false;
            });
        }
        catch (RuntimeException | AssertionError ex) {
            process.destroyForcibly();
            throw ex;
        }
        return new GatewayProcess(process, port[0]);
    }

    String ws() {
        return "ws://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
