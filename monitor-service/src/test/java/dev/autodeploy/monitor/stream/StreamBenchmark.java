package dev.autodeploy.monitor.stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bench/monitor}: (a) log ingestion — {@code autodeploy.bench.lines} lines over
 * {@code autodeploy.bench.deployments} deployments published on {@code autodeploy.deployment.logs} as the deployer
 * does, timed from the first send until every one is a row (none lost, none twice); (b) latency of
 * {@code autodeploy.bench.statuses} status changes, each published on {@code autodeploy.deployment.events} as the
 * deployer does, until a status-stream client connected through the real gateway receives it, one at a time.
 * Off in the normal test run; prints a table and writes it to {@code target/bench-monitor.txt}.
 */
@EnabledIfSystemProperty(named = "autodeploy.bench", matches = "true")
class StreamBenchmark extends MonitorTest {

    @Autowired
    private Environment environment;

    @Test
    void ingestionAndStatusLatency() throws Exception {
        int lines = Integer.getInteger("autodeploy.bench.lines", 50_000);
        int deployments = Integer.getInteger("autodeploy.bench.deployments", 10);
        int statuses = Integer.getInteger("autodeploy.bench.statuses", 200);
        Member member = member(Role.VIEWER);

        // warm-up: a few hundred lines through the whole path
        ingest(member, 500, 2);
        Ingestion ingestion = ingest(member, lines, deployments);

        double[] latencies;
        try (GatewayProcess gateway = GatewayProcess.start(port, environment)) {
            latencies = statusLatencies(member, gateway, statuses);
        }
        Arrays.sort(latencies);
        String table = String.join("\n",
                "monitor-service benchmark (%s, %d cores)".formatted(Instant.now(),
                        Runtime.getRuntime().availableProcessors()),
                row("metric", "value"),
                row("-".repeat(44), "-".repeat(18)),
                row("log lines published / stored / lost", "%d / %d / %d".formatted(lines, ingestion.stored,
                        lines - ingestion.stored)),
                row("deployments (Kafka keys)", Integer.toString(deployments)),
                row("ingestion, first send to last row (s)", "%.2f".formatted(ingestion.seconds)),
                row("ingestion sustained (lines/s)", "%.0f".formatted(lines / ingestion.seconds)),
                row("status changes timed", Integer.toString(statuses)),
                row("status -> WS via gateway p50 (ms)", "%.1f".formatted(percentile(latencies, 50))),
                row("status -> WS via gateway p99 (ms)", "%.1f".formatted(percentile(latencies, 99))),
                row("status -> WS via gateway max (ms)", "%.1f".formatted(latencies[latencies.length - 1])));
        System.out.println("\n" + table + "\n");
        Files.writeString(Path.of("target", "bench-monitor.txt"), table + "\n");
        assertThat(ingestion.stored).isEqualTo(lines);
    }

    private record Ingestion(long stored, double seconds) {
    }

    private Ingestion ingest(Member member, int lines, int deployments) {
        List<Deployment> all = new ArrayList<>();
        for (int i = 0; i < deployments; i++) {
            Deployment deployment = deployment(member);
            deployment.status("queued", Instant.now());
            all.add(deployment);
        }
        List<UUID> ids = all.stream().map(deployment -> deployment.id).toList();
        long start = System.nanoTime();
        CompletableFuture<?> last = null;
        for (int n = 0; n < lines; n++) {
            Deployment deployment = all.get(n % deployments);
            DeploymentLogged line = new DeploymentLogged(UUID.randomUUID(), Instant.now(), deployment.id,
                    deployment.organizationId, n / deployments + 1, "info", "build", "build_application",
                    "npm run build: transforming module " + n + " of the application bundle");
            last = kafka.send(Topics.DEPLOYMENT_LOGS, deployment.id.toString(), CloudEvent.of("deployer-service", line));
        }
        last.join();
        long[] stored = new long[1];
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            stored[0] = jdbc.sql("SELECT count(*) FROM deployment_logs WHERE deployment_id = ANY (?)")
                    .param(ids.toArray(UUID[]::new)).query(Long.class).single();
            return stored[0] >= lines;
        });
        return new Ingestion(stored[0], (System.nanoTime() - start) / 1e9);
    }

    private double[] statusLatencies(Member member, GatewayProcess gateway, int statuses) throws IOException {
        Deployment deployment = deployment(member);
        Instant at = Instant.now();
        deployment.status("queued", at);
        awaitKnown(deployment.id, "queued");
        StreamClient client = StreamClient.withSubprotocol(gateway.ws() + "/api/v1/deployments/" + deployment.id
                + "/status/stream", member.token());
        await().atMost(Duration.ofSeconds(30)).until(() -> client.received.size() == 1);
        double[] latencies = new double[statuses];
        for (int i = 0; i < statuses; i++) {
            int expected = client.received.size() + 1;
            long sent = System.nanoTime();
            deployment.status(i % 2 == 0 ? "building" : "deploying", at.plusMillis(i + 1));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofNanos(200_000))
                    .until(() -> client.received.size() >= expected);
            latencies[i] = (System.nanoTime() - sent) / 1e6;
        }
        client.close();
        return latencies;
    }

    private static double percentile(double[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String row(String metric, String value) {
        return String.format(Locale.ROOT, "%-44s %18s", metric, value);
    }
}
