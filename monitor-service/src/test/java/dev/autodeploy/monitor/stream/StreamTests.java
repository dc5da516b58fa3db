package dev.autodeploy.monitor.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.LongStream;

import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The live log and status streams on real Kafka, Postgres and Redis, with a JDK WebSocket client. */
@TestPropertySource(properties = { "autodeploy.monitor.streams.send-buffer-limit=2MB",
        "autodeploy.monitor.streams.send-time-limit=3s", "autodeploy.monitor.streams.heartbeat-interval=1s",
        "autodeploy.monitor.streams.heartbeat-timeout=60s" })
class StreamTests extends MonitorTest {

    private static final Duration PROMPTLY = Duration.ofSeconds(30);

    @Autowired
    private LocalStreams local;

    @Autowired
    private io.micrometer.core.instrument.MeterRegistry meters;

    private final Map<UUID, Long> logged = new java.util.concurrent.ConcurrentHashMap<>();

    private String logs(Deployment deployment) {
        return "ws://127.0.0.1:" + port + "/api/v1/deployments/" + deployment.id + "/logs/stream";
    }

    private String status(Deployment deployment) {
        return "ws://127.0.0.1:" + port + "/api/v1/deployments/" + deployment.id + "/status/stream";
    }

    private Deployment known(Member member) {
        Deployment deployment = deployment(member);
        deployment.status("queued", Instant.now()).status("building", Instant.now());
        awaitKnown(deployment.id, "building");
        return deployment;
    }

    @Test
    void theBacklogAfterTheCursorThenLiveLinesArriveInOrderEachOnce() {
        Member member = member(Role.VIEWER);
        Deployment deployment = known(member);
        log(deployment, 5);
        awaitStored(deployment, 5);

        StreamClient client = StreamClient.connect(logs(deployment) + "?cursor=2&access_token=" + member.token());
        log(deployment, 35);

        await().atMost(PROMPTLY).until(() -> client.sequences().size() >= 38);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(client.sequences()).containsExactlyElementsOf(LongStream.rangeClosed(3, 40).boxed().toList());
        Map<String, Object> first = client.ofType("deployment.log").getFirst();
        assertThat(first).containsEntry("deploymentId", deployment.id.toString()).containsEntry("level", "info")
                .containsEntry("message", "line 3").containsEntry("source", "build")
                .containsEntry("step", "build_application").containsKey("timestamp");

        // finished: the log stream says so and stays open for the app's runtime lines
        deployment.status("ready", Instant.now());
        await().atMost(PROMPTLY).until(() -> !client.ofType("deployment.status").isEmpty());
        assertThat(client.ofType("deployment.status").getFirst()).containsEntry("status", "ready")
                .containsEntry("final", true);
        log(deployment, 1);
        await().atMost(PROMPTLY).until(() -> client.sequences().size() == 39);
        assertThat(client.closed).isNotDone();
        client.close();
    }

    @Test
    void linesIngestedWhileTheBacklogIsReplayedAreNeitherLostNorRepeated() {
        Member member = member(Role.DEVELOPER);
        Deployment deployment = known(member);
        log(deployment, 1500);
        awaitStored(deployment, 1500);

        StreamClient client = StreamClient.withSubprotocol(logs(deployment), member.token());
        // published at once: most arrive while the 1500 stored ones are being read page by page
        log(deployment, 300);

        await().atMost(PROMPTLY).until(() -> client.sequences().size() >= 1800);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(client.sequences()).containsExactlyElementsOf(LongStream.rangeClosed(1, 1800).boxed().toList());
        assertThat(client.subprotocol).isEqualTo("bearer");
        client.close();
    }

    @Test
    void theStatusStreamSaysTheCurrentStatusThenEveryChangeAndClosesAfterTheFinalOne() {
        Member member = member(Role.VIEWER);
        Deployment deployment = known(member);
        StreamClient client = StreamClient.connect(status(deployment) + "?access_token=" + member.token());
        await().atMost(PROMPTLY).until(() -> !client.received.isEmpty());
        assertThat(client.received.getFirst()).containsEntry("type", "deployment.status")
                .containsEntry("deploymentId", deployment.id.toString()).containsEntry("status", "building");

        Instant t = Instant.now();
        deployment.step("build_application", "pending", "running", t.plusMillis(1))
                .step("deploy_to_provider", null, "pending", t.plusMillis(2))
                .step("build_application", "running", "completed", t.plusMillis(3));
        deployment.url = "http://localhost:20001";
        deployment.status("deploying", t.plusMillis(4)).status("ready", t.plusMillis(5));

        assertThat(client.closed).succeedsWithin(PROMPTLY).isEqualTo(1000);
        List<Map<String, Object>> builds = client.ofType("deployment.build");
        assertThat(builds).extracting(build -> build.get("stage")).containsExactly("build_application",
                "deploy_to_provider", "build_application");
        assertThat(builds.getLast()).containsEntry("progress", 25).containsEntry("status", "completed");
        List<Map<String, Object>> statuses = client.ofType("deployment.status");
        assertThat(statuses.stream().filter(s -> !s.containsKey("step")).map(s -> s.get("status")))
                .containsExactly("building", "deploying", "ready");
        assertThat(statuses.getLast()).containsEntry("status", "ready").containsEntry("final", true)
                .containsEntry("progress", 100);
        assertThat(map(statuses.getLast().get("metadata"))).containsEntry("url", "http://localhost:20001");

        StreamClient late = StreamClient.connect(status(deployment) + "?access_token=" + member.token());
        assertThat(late.closed).succeedsWithin(PROMPTLY).isEqualTo(1000);
        assertThat(late.received).singleElement().satisfies(only -> assertThat(only)
                .containsEntry("status", "ready").containsEntry("final", true));
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileAFastOneOnTheSameDeploymentGetsEveryLine() {
        Member member = member(Role.VIEWER);
        Deployment deployment = known(member);
        StreamClient slow = StreamClient.slow(logs(deployment) + "?access_token=" + member.token());
        StreamClient fast = StreamClient.connect(logs(deployment) + "?access_token=" + member.token());
        await().atMost(PROMPTLY).until(() -> local.count(deployment.id) == 2);

        // ~24 MB of 8 KB lines, far more than the slow client's socket buffers and its 2 MB send buffer hold, in
        // batches the fast client keeps up with
        String large = "x".repeat(8 * 1024);
        for (int batch = 1; batch <= 30; batch++) {
            log(deployment, 100, large);
            int expected = batch * 100;
            await().atMost(PROMPTLY).until(() -> fast.sequences().size() >= expected);
        }
        assertThat(fast.sequences()).containsExactlyElementsOf(LongStream.rangeClosed(1, 3000).boxed().toList());
        await().atMost(PROMPTLY).until(() -> local.count(deployment.id) == 1);
        assertThat(slow.sequences().size()).isLessThan(3000);
        assertThat(meters.counter("autodeploy.monitor.stream.dropped", "reason", "slow").count()).isPositive();
        fast.close();
        slow.socket.abort();
    }

    @Test
    void theHandshakeNeedsAValidTokenOfAMemberOfTheDeploymentsOrganization() {
        Member member = member(Role.VIEWER);
        Deployment deployment = known(member);
        String uri = logs(deployment);

        assertThat(StreamClient.refusal(uri, null)).isEqualTo(401);
        assertThat(StreamClient.refusal(uri + "?access_token=not-a-token", null)).isEqualTo(401);
        assertThat(StreamClient.refusal(uri + "?access_token="
                + TestTokens.get().forgedForUser(member.userId()), null)).isEqualTo(401);
        assertThat(StreamClient.refusal(uri, "garbage")).isEqualTo(401);
        assertThat(StreamClient.refusal(uri + "?access_token=" + stranger().token(), null)).isEqualTo(404);
        assertThat(StreamClient.refusal(status(deployment) + "?access_token=" + stranger().token(), null))
                .isEqualTo(404);
        assertThat(StreamClient.refusal("ws://127.0.0.1:" + port + "/api/v1/deployments/" + UUID.randomUUID()
                + "/logs/stream?access_token=" + member.token(), null)).isEqualTo(404);
        assertThat(StreamClient.refusal(uri + "?cursor=-3&access_token=" + member.token(), null)).isEqualTo(400);

        StreamClient byQuery = StreamClient.connect(uri + "?access_token=" + member.token());
        StreamClient bySubprotocol = StreamClient.withSubprotocol(status(deployment), member.token());
        assertThat(bySubprotocol.subprotocol).isEqualTo("bearer");
        await().atMost(PROMPTLY).until(() -> !bySubprotocol.received.isEmpty());
        // heartbeats (every second in this class) reach a real client
        await().atMost(PROMPTLY).until(() -> byQuery.pings.get() >= 2);
        assertThat(byQuery.closed).isNotDone();
        byQuery.close();
        bySubprotocol.close();
    }

    @Test
    void theRestApiTakesNoTokenFromTheQuery() {
        Member member = member(Role.VIEWER);
        Deployment deployment = known(member);
        assertThat(call(org.springframework.http.HttpMethod.GET, "/api/v1/deployments/" + deployment.id
                + "/logs?access_token=" + member.token(), null, null)
                .onStatus(s -> true, (request, response) -> {
                }).toBodilessEntity().getStatusCode().value()).isEqualTo(401);
    }

    private void log(Deployment deployment, int count) {
        log(deployment, count, null);
    }

    /**
     * {@code count} more lines of the build, {@code "line <sequence>"} unless a message is given, published on
     * {@code autodeploy.deployment.logs} as the deployer does (keyed by deployment, in order), without waiting for
     * each send.
     */
    private void log(Deployment deployment, int count, String message) {
        long from = logged.getOrDefault(deployment.id, 0L);
        logged.put(deployment.id, from + count);
        CompletableFuture<?> last = null;
        for (long sequence = from + 1; sequence <= from + count; sequence++) {
            DeploymentLogged line = new DeploymentLogged(UUID.randomUUID(), Instant.now(), deployment.id,
                    deployment.organizationId, sequence, "info", "build", "build_application",
                    message == null ? "line " + sequence : message);
            last = kafka.send(Topics.DEPLOYMENT_LOGS, deployment.id.toString(), CloudEvent.of("deployer-service", line));
        }
        if (last != null) {
            last.join();
        }
    }

    private void awaitStored(Deployment deployment, long count) {
        await().atMost(PROMPTLY).until(() -> jdbc.sql("SELECT count(*) FROM deployment_logs WHERE deployment_id = ?")
                .param(deployment.id).query(Long.class).single() == count);
    }
}
