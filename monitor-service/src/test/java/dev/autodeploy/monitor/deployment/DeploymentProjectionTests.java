package dev.autodeploy.monitor.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The deployments projection kept from the deployer's status events on real Kafka and Postgres. */
class DeploymentProjectionTests extends MonitorTest {

    @Autowired
    private DeploymentRecords records;

    @Test
    void statusEventsBuildTheDeploymentAndItsStepsAndAnOlderOneChangesNothing() {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        Instant t0 = Instant.parse("2026-11-30T10:00:00Z");
        deployment.commitTime = t0.minusSeconds(600);
        deployment.status("queued", t0)
                .status("building", t0.plusSeconds(1))
                .step("build_application", "pending", "running", t0.plusSeconds(2))
                .step("build_application", "running", "completed", t0.plusSeconds(40));
        deployment.url = "http://localhost:20001";
        deployment.status("deploying", t0.plusSeconds(41)).status("ready", t0.plusSeconds(50));
        awaitKnown(deployment.id, "ready");
        // a stale redelivery of an earlier change
        deployment.status("building", t0.plusSeconds(1));

        await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10)).until(() -> true);
        DeploymentRecord record = records.find(deployment.id).orElseThrow();
        assertThat(record.status()).isEqualTo("ready");
        assertThat(record.startedAt()).isEqualTo(t0.plusSeconds(1));
        assertThat(record.finishedAt()).isEqualTo(t0.plusSeconds(50));
        assertThat(record.url()).isEqualTo("http://localhost:20001");
        assertThat(record.commitTime()).isEqualTo(t0.minusSeconds(600));
        assertThat(record.organizationId()).isEqualTo(member.organizationId());
        Map<String, Object> step = jdbc.sql("SELECT status, started_at, finished_at FROM deployment_steps"
                + " WHERE deployment_id = ? AND name = 'build_application'").param(deployment.id).query().singleRow();
        assertThat(step.get("status")).isEqualTo("completed");
        assertThat(((java.sql.Timestamp) step.get("started_at")).toInstant()).isEqualTo(t0.plusSeconds(2));
        assertThat(((java.sql.Timestamp) step.get("finished_at")).toInstant()).isEqualTo(t0.plusSeconds(40));
    }

    @Test
    void aDeploymentAwaitingApprovalIsKnownAsWaitingNeitherStartedNorFinishedUntilItRuns() {
        Member member = member(Role.VIEWER);
        Deployment deployment = deployment(member);
        Instant t0 = Instant.parse("2026-11-30T12:00:00Z");
        deployment.status("awaiting_approval", t0);
        awaitKnown(deployment.id, "awaiting_approval");

        DeploymentRecord waiting = records.find(deployment.id).orElseThrow();
        assertThat(waiting.finished()).isFalse();
        assertThat(waiting.startedAt()).isNull();
        assertThat(get("/api/v1/deployments/" + deployment.id + "/status", member).getBody())
                .containsEntry("status", "awaiting_approval").containsEntry("progress", 0);

        deployment.status("queued", t0.plusSeconds(600)).status("building", t0.plusSeconds(601));
        awaitKnown(deployment.id, "building");
        assertThat(records.find(deployment.id).orElseThrow().startedAt()).isEqualTo(t0.plusSeconds(601));
    }
}
