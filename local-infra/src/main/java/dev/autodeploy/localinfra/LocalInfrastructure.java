package dev.autodeploy.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * The infrastructure {@code ./autodeploy up} needs on a machine without Docker, in one process:
 * a single-node Kafka broker in KRaft mode, and, only when asked (no server answers on the
 * machine), an embedded Postgres and an embedded Redis. Writes a ready file once everything
 * listens and stops everything on SIGTERM.
 *
 * <pre>
 * java -jar local-infra.jar [--kafka-port 9092 --kafka-dir DIR] [--postgres-port 15432 --postgres-dir DIR]
 *                           [--redis-port 16379] [--ready-file FILE]
 * </pre>
 */
public final class LocalInfrastructure {

    private final List<AutoCloseable> started = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        // The broker logs every controller event at INFO; warnings are what an operator needs.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty(
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        Map<String, String> options = parse(args);
        LocalInfrastructure infrastructure = new LocalInfrastructure();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            infrastructure.stop();
            stopped.countDown();
        }, "local-infra-shutdown"));
        try {
            infrastructure.start(options);
        }
        catch (Exception ex) {
            System.err.println("local-infra: could not start: " + ex.getMessage());
            ex.printStackTrace();
            System.exit(1);
        }
        if (options.containsKey("ready-file")) {
            Files.writeString(Path.of(options.get("ready-file")), "ready\n");
        }
        System.out.println("local-infra: ready");
        stopped.await();
    }

    private void start(Map<String, String> options) throws IOException {
        if (options.containsKey("postgres-port")) {
            int port = Integer.parseInt(options.get("postgres-port"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(port)
                    .setDataDirectory(Path.of(options.getOrDefault("postgres-dir", ".autodeploy/postgres")))
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .start();
            started.add(postgres);
            System.out.println("local-infra: embedded Postgres on 127.0.0.1:" + port + " (user postgres)");
        }
        if (options.containsKey("redis-port")) {
            int port = Integer.parseInt(options.get("redis-port"));
            RedisServer redis = RedisServer.newRedisServer().bind("127.0.0.1").port(port)
                    .setting("save \"\"").setting("appendonly no").build();
            redis.start();
            started.add(redis::stop);
            System.out.println("local-infra: embedded Redis on 127.0.0.1:" + port);
        }
        if (options.containsKey("kafka-port")) {
            KraftBroker kafka = KraftBroker.start(Integer.parseInt(options.get("kafka-port")),
                    Path.of(options.getOrDefault("kafka-dir", ".autodeploy/kafka")));
            started.add(kafka);
            System.out.println("local-infra: Kafka (KRaft) on " + kafka.bootstrapServers());
        }
    }

    private void stop() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            }
            catch (Exception ex) {
                System.err.println("local-infra: error while stopping: " + ex.getMessage());
            }
        }
        started.clear();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Expected --name value pairs, got: " + String.join(" ", args));
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
