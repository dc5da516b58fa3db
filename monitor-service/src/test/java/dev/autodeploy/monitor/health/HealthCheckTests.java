package dev.autodeploy.monitor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.HealthCheckChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Health checks of live deployments on real Kafka and Postgres, probing a WireMock app (test config: a probe
 * every 300 ms, unhealthy after 2 failures in a row, private addresses allowed).
 */
class HealthCheckTests extends MonitorTest {

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumers;

    @Autowired
    private org.springframework.transaction.support.TransactionTemplate transactions;

    private WireMockServer app;

    @BeforeEach
    void startApp() {
        app = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
    }

    @AfterEach
    void stopApp() {
        app.stop();
    }

    @Test
    void liveDeploymentTurnsUnhealthyOnlyAfterTheThresholdAndHealthyAgainAndEachChangeIsOnKafka() {
        answer("/app.*", 200);
        Member member = member(Role.VIEWER);
        Deployment deployment = live(deployment(member), app.baseUrl() + "/app", Instant.now());

        awaitState(deployment.id, "healthy");
        answer("/app.*", 503);
        awaitState(deployment.id, "unhealthy");
        answer("/app.*", 200);
        awaitState(deployment.id, "healthy");

        List<HealthCheckChanged> changes = awaitChanges(deployment.id, 3);
        assertThat(changes).extracting(HealthCheckChanged::previousState, HealthCheckChanged::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("unknown", "healthy"),
                        org.assertj.core.groups.Tuple.tuple("healthy", "unhealthy"),
                        org.assertj.core.groups.Tuple.tuple("unhealthy", "healthy"));
        // the second failure in a row flipped it, not the first
        assertThat(changes.get(1).consecutiveFailures()).isEqualTo(2);
        assertThat(changes.get(1).statusCode()).isEqualTo(503);
        assertThat(changes.get(1).organizationId()).isEqualTo(member.organizationId());
        assertThat(changes.get(1).projectId()).isEqualTo(deployment.projectId);
        assertThat(changes.get(1).environment()).isEqualTo("production");

        var listed = get("/api/v1/health-checks?projectId=" + deployment.projectId, member);
        assertThat(listed.getStatusCode()).isEqualTo(HttpStatus.OK);
        List<Map<String, Object>> checks = list(listed.getBody().get("checks"));
        assertThat(checks).hasSize(1);
        assertThat(checks.get(0)).containsEntry("deploymentId", deployment.id.toString())
                .containsEntry("environment", "production").containsEntry("state", "healthy");

        var detail = get("/api/v1/health-checks/" + deployment.id + "?size=2", member);
        assertThat(detail.getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> results = map(detail.getBody().get("results"));
        assertThat(list(results.get("content"))).hasSize(2);
        // keep-results is 5 in tests: older results are deleted
        assertThat(((Number) results.get("totalElements")).longValue()).isBetween(3L, 5L);
        assertThat(list(results.get("content")).get(0)).containsEntry("healthy", true).containsEntry("statusCode", 200);

        assertThat(get("/api/v1/health-checks/" + deployment.id + "?size=1000", member).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(get("/api/v1/health-checks/" + deployment.id, stranger()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/health-checks?projectId=" + deployment.projectId, stranger()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/health-checks/" + deployment.id, member(Role.VIEWER)).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aSupersededDeploymentIsNoLongerProbedAndAnOlderOneArrivingLateDoesNotTakeOver() {
        answer("/first.*", 200);
        answer("/second.*", 200);
        answer("/older.*", 200);
        Member member = member(Role.DEVELOPER);
        Deployment first = live(deployment(member), app.baseUrl() + "/first", Instant.now());
        awaitState(first.id, "healthy");

        Deployment second = live(new Deployment(member.organizationId(), first.projectId, first.environmentId,
                first.environment), app.baseUrl() + "/second", Instant.now().plusSeconds(1));
        awaitState(second.id, "healthy");
        await().atMost(Duration.ofSeconds(20)).until(() -> "superseded".equals(jdbc.sql(
                "SELECT stopped_reason FROM health_checks WHERE deployment_id = ?").param(first.id)
                .query(String.class).optional().orElse(null)));
        int probesOfFirst = requests("/first.*");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> requests("/first.*") == probesOfFirst);
        assertThat(requests("/second.*")).isGreaterThan(1);

        // ready before the second one, but its event comes late: it is not the live deployment
        Deployment older = live(new Deployment(member.organizationId(), first.projectId, first.environmentId,
                first.environment), app.baseUrl() + "/older", Instant.now().minusSeconds(60));
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                "SELECT count(*) FROM health_checks WHERE deployment_id = ? AND NOT active").param(older.id)
                .query(Long.class).single() == 1);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4)).until(() -> requests("/older.*") == 0);

        List<Map<String, Object>> checks = list(get("/api/v1/health-checks?projectId=" + first.projectId
                + "&environment=production", member).getBody().get("checks"));
        assertThat(checks).extracting(check -> check.get("deploymentId")).containsExactly(second.id.toString());
    }

    @Test
    void aCancelledDeploymentIsNoLongerProbedAndAFailedOneNeverIs() {
        answer("/cancelled.*", 200);
        Member member = member(Role.VIEWER);
        Deployment deployment = live(deployment(member), app.baseUrl() + "/cancelled", Instant.now());
        awaitState(deployment.id, "healthy");
        deployment.status("cancelled", Instant.now().plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> "cancelled".equals(jdbc.sql(
                "SELECT stopped_reason FROM health_checks WHERE deployment_id = ?").param(deployment.id)
                .query(String.class).single()));
        int probes = requests("/cancelled.*");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(4))
                .until(() -> requests("/cancelled.*") == probes);

        Deployment failed = deployment(member);
        failed.url = app.baseUrl() + "/failed";
        failed.status("queued", Instant.now()).status("building", Instant.now()).status("error", Instant.now());
        awaitKnown(failed.id, "error");
        assertThat(get("/api/v1/health-checks/" + failed.id, member).getBody())
                .containsEntry("type", "https://autodeploy.dev/problems/health-check-not-found");
    }

    @Test
    void aCheckAnotherReplicaHoldsIsSkippedNotWaitedForAndOtherAppsAreStillProbed() throws Exception {
        answer("/held.*", 200);
        answer("/free.*", 200);
        Member member = member(Role.VIEWER);
        Deployment held = live(deployment(member), app.baseUrl() + "/held", Instant.now());
        Deployment free = live(deployment(member), app.baseUrl() + "/free", Instant.now());
        awaitState(held.id, "healthy");
        awaitState(free.id, "healthy");

        // another replica in the middle of its claim of the row: it is locked until that transaction ends
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread replica = Thread.ofVirtual().start(() -> transactions.executeWithoutResult(status -> {
            jdbc.sql("SELECT deployment_id FROM health_checks WHERE deployment_id = ? FOR UPDATE").param(held.id)
                    .query(UUID.class).single();
            locked.countDown();
            try {
                release.await();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }));
        locked.await();
        try {
            int heldProbes = requests("/held.*");
            int freeProbes = requests("/free.*");
            await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                    .until(() -> requests("/held.*") <= heldProbes + 1);
            assertThat(requests("/free.*")).isGreaterThan(freeProbes + 1);
        }
        finally {
            release.countDown();
            replica.join();
        }
        int afterRelease = requests("/held.*");
        await().atMost(Duration.ofSeconds(10)).until(() -> requests("/held.*") > afterRelease + 1);
    }

    /** Publishes the deployment's way to ready at {@code readyAt} with {@code url}. */
    private Deployment live(Deployment deployment, String url, Instant readyAt) {
        deployment.status("queued", readyAt.minusSeconds(3)).status("building", readyAt.minusSeconds(2));
        deployment.url = url;
        deployment.status("deploying", readyAt.minusSeconds(1)).status("ready", readyAt);
        return deployment;
    }

    private void answer(String path, int status) {
        app.stubFor(WireMock.get(urlPathMatching(path)).willReturn(aResponse().withStatus(status).withBody("ok")));
    }

    private int requests(String path) {
        return app.countRequestsMatching(getRequestedFor(urlPathMatching(path)).build()).getCount();
    }

    private void awaitState(UUID deploymentId, String state) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM health_checks WHERE deployment_id = ? AND state = ?").params(deploymentId, state)
                .query(Long.class).single() == 1);
    }

    private List<HealthCheckChanged> awaitChanges(UUID deploymentId, int count) {
        List<HealthCheckChanged> seen = new ArrayList<>();
        try (Consumer<String, CloudEvent<?>> consumer = consumers.createConsumer("health-test-" + UUID.randomUUID(),
                null)) {
            consumer.subscribe(List.of(Topics.MONITOR_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(300))) {
                    if (deploymentId.toString().equals(record.key())
                            && record.value().data() instanceof HealthCheckChanged changed) {
                        seen.add(changed);
                    }
                }
                return seen.size() >= count;
            });
        }
        return seen;
    }

}
