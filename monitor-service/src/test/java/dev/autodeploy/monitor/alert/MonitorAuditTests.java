package dev.autodeploy.monitor.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestAuditEvents;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.ConsumerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each mutating endpoint of the monitor (alert rules, acknowledging and resolving alerts) records exactly one audit
 * entry with its change, as the caller; what the platform does on its own (opening an alert, starting a health
 * check) is recorded as {@code system}. No webhook secret reaches an entry.
 */
class MonitorAuditTests extends MonitorTest {

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumers;

    @Test
    void everyChangeIsAuditedOnceWithoutTheWebhookSecret() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Deployment failing = deployment(developer);
        String secret = "whsec-" + UUID.randomUUID();
        String rotated = "whsec-" + UUID.randomUUID();

        ResponseEntity<Map<String, Object>> created = post("/api/v1/alert-rules",
                AlertRuleTests.rule(developer, failing.projectId, "deployment-failed", Map.of(), secret), developer);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String ruleId = (String) created.getBody().get("id");
        assertThat(call(HttpMethod.PATCH, "/api/v1/alert-rules/" + ruleId,
                Map.of("webhook", Map.of("secret", rotated)), developer).toBodilessEntity().getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.PATCH, "/api/v1/alert-rules/" + ruleId, Map.of("enabled", false), viewer)
                .toBodilessEntity().getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        Instant now = Instant.now();
        failing.status("queued", now.minusSeconds(2)).status("building", now.minusSeconds(1))
                .status("error", "boom", now);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM alerts WHERE rule_id = ?")
                .param(UUID.fromString(ruleId)).query(Long.class).single() == 1);
        String alertId = jdbc.sql("SELECT id FROM alerts WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(UUID.class).single().toString();
        assertThat(post("/api/v1/alerts/" + alertId + "/acknowledge", null, developer).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(post("/api/v1/alerts/" + alertId + "/acknowledge", null, developer).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/v1/alerts/" + alertId + "/resolve", null, developer).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(call(HttpMethod.DELETE, "/api/v1/alert-rules/" + ruleId, null, developer).toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        Deployment live = deployment(developer);
        live.url = "http://127.0.0.1:9/" + UUID.randomUUID();
        live.status("queued", now.minusSeconds(2)).status("deploying", now.minusSeconds(1)).status("ready", now);

        List<AuditRecorded> recorded = new TestAuditEvents(consumers).of(developer.organizationId(), 7);

        assertThat(recorded).extracting(e -> e.action() + " " + e.targetId() + " " + e.actorType())
                .containsExactlyInAnyOrder("alert_rule.created " + ruleId + " user",
                        "alert_rule.updated " + ruleId + " user", "alert.opened " + alertId + " system",
                        "alert.acknowledged " + alertId + " user", "alert.resolved " + alertId + " user",
                        "alert_rule.deleted " + ruleId + " user", "health_check.started " + live.id + " system");
        assertThat(recorded).filteredOn(e -> e.actorType().equals(AuditActor.USER)).allSatisfy(entry -> {
            assertThat(entry.actorId()).isEqualTo(developer.userId());
            assertThat(entry.requestId()).isNotBlank();
            assertThat(entry.ip()).isNotBlank();
            assertThat(entry.service()).isEqualTo("monitor-service");
        });
        assertThat(recorded).filteredOn(e -> e.action().equals("alert.acknowledged")).singleElement()
                .satisfies(e -> {
                    assertThat(e.before()).containsEntry("status", "open");
                    assertThat(e.after()).containsEntry("status", "acknowledged");
                });
        assertThat(recorded.toString()).doesNotContain(secret).doesNotContain(rotated)
                .doesNotContain(developer.token());
    }
}
