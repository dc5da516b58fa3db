package dev.autodeploy.monitor.alert;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/alert-rules}: who may read and manage rules, what a rule must say, and the secret never shown. */
class AlertRuleTests extends MonitorTest {

    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @Test
    void developersManageRulesViewersReadThemAndTheSecretIsStoredEncryptedAndNeverReturned() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        UUID projectId = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> created = post("/api/v1/alert-rules", rule(developer, projectId,
                "error-log-rate", Map.of("threshold", 5, "window", "5m"), "s3cr3t-value"), developer);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String id = (String) created.getBody().get("id");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/alert-rules/" + id);
        assertThat(created.getBody()).containsEntry("type", "error-log-rate").containsEntry("threshold", 5)
                .containsEntry("window", "PT5M").containsEntry("enabled", true).containsEntry("environment", null);
        assertThat(map(created.getBody().get("webhook"))).containsEntry("secret", "********")
                .containsEntry("format", "generic").containsEntry("url", "https://hooks.example.com/autodeploy");
        assertThat(created.getBody().toString()).doesNotContain("s3cr3t-value");
        String stored = jdbc.sql("SELECT webhook_secret FROM alert_rules WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain("s3cr3t-value");

        ResponseEntity<List<Map<String, Object>>> listed = http(HttpMethod.GET, "/api/v1/alert-rules?organizationId="
                + developer.organizationId() + "&projectId=" + projectId, null, viewer)
                .toEntity(new org.springframework.core.ParameterizedTypeReference<>() { });
        assertThat(listed.getBody()).extracting(r -> r.get("id")).containsExactly(id);
        assertThat(get("/api/v1/alert-rules/" + id, viewer).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map<String, Object>> patched = call(HttpMethod.PATCH, "/api/v1/alert-rules/" + id, Map.of(
                "threshold", 10, "environment", "staging", "enabled", false, "webhook", Map.of("format", "slack")),
                developer).toEntity(JSON);
        assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(patched.getBody()).containsEntry("threshold", 10).containsEntry("environment", "staging")
                .containsEntry("enabled", false).containsEntry("window", "PT5M");
        assertThat(map(patched.getBody().get("webhook"))).containsEntry("format", "slack").containsEntry("secret",
                "********");
        ResponseEntity<Map<String, Object>> secretRemoved = call(HttpMethod.PATCH, "/api/v1/alert-rules/" + id,
                Map.of("webhook", Map.of("secret", "")), developer).toEntity(JSON);
        assertThat(map(secretRemoved.getBody().get("webhook"))).containsEntry("secret", null);
        // an incoming-webhook URL's path is a credential: shown only as far as its first segment
        ResponseEntity<Map<String, Object>> slackLike = call(HttpMethod.PATCH, "/api/v1/alert-rules/" + id,
                Map.of("webhook", Map.of("url", "https://hooks.example.com/services/T000/B000/XXXXtokenpart?x=1")),
                developer).toEntity(JSON);
        assertThat(map(slackLike.getBody().get("webhook"))).containsEntry("url", "https://hooks.example.com/services/…?…");
        assertThat(get("/api/v1/alert-rules/" + id, viewer).getBody().toString()).doesNotContain("XXXXtokenpart");

        assertThat(call(HttpMethod.DELETE, "/api/v1/alert-rules/" + id, null, viewer).toEntity(JSON).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(call(HttpMethod.DELETE, "/api/v1/alert-rules/" + id, null, developer).toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get("/api/v1/alert-rules/" + id, developer).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void viewersCannotManageAndStrangersAreToldNothingExists() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Member stranger = stranger();
        UUID projectId = UUID.randomUUID();
        String id = (String) post("/api/v1/alert-rules", rule(developer, projectId, "deployment-failed", Map.of(),
                null), developer).getBody().get("id");

        ResponseEntity<Map<String, Object>> byViewer = post("/api/v1/alert-rules", rule(viewer, projectId,
                "deployment-failed", Map.of(), null), viewer);
        assertThat(byViewer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(byViewer.getBody()).containsEntry("type", PROBLEMS + "insufficient-role");
        assertThat(call(HttpMethod.PATCH, "/api/v1/alert-rules/" + id, Map.of("enabled", false), viewer).toEntity(JSON)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        assertThat(get("/api/v1/alert-rules/" + id, stranger).getBody()).containsEntry("type",
                PROBLEMS + "alert-rule-not-found");
        assertThat(call(HttpMethod.PATCH, "/api/v1/alert-rules/" + id, Map.of("enabled", false), stranger)
                .toEntity(JSON).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(call(HttpMethod.DELETE, "/api/v1/alert-rules/" + id, null, stranger).toEntity(JSON).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/alert-rules?organizationId=" + developer.organizationId(), stranger).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> intoTheirOrg = post("/api/v1/alert-rules", rule(developer, projectId,
                "deployment-failed", Map.of(), null), stranger);
        assertThat(intoTheirOrg.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(jdbc.sql("SELECT enabled FROM alert_rules WHERE id = ?").param(UUID.fromString(id))
                .query(Boolean.class).single()).isTrue();
        assertThat(rulesOf(developer)).isEqualTo(1);
    }

    @Test
    void aProjectSeenUnderAnotherOrganizationIsNotFound() {
        Member other = member(Role.OWNER);
        Deployment deployment = deployment(other);
        deployment.status("queued", Instant.now());
        awaitKnown(deployment.id, "queued");
        Member developer = member(Role.DEVELOPER);

        ResponseEntity<Map<String, Object>> refused = post("/api/v1/alert-rules", rule(developer,
                deployment.projectId, "deployment-failed", Map.of(), null), developer);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(refused.getBody()).containsEntry("type", PROBLEMS + "project-not-found");
        assertThat(rulesOf(developer)).isZero();
        assertThat(post("/api/v1/alert-rules", rule(other, deployment.projectId, "deployment-failed", Map.of(), null),
                other).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void invalidRulesAreRefusedWithAProblemAndNothingIsStored() {
        Member developer = member(Role.DEVELOPER);
        UUID projectId = UUID.randomUUID();

        ResponseEntity<Map<String, Object>> noMinutes = post("/api/v1/alert-rules", rule(developer, projectId,
                "health-check-failing", Map.of(), null), developer);
        assertThat(noMinutes.getStatusCode().value()).isEqualTo(422);
        assertThat(noMinutes.getBody()).containsEntry("type", PROBLEMS + "invalid-alert-rule");
        assertThat(list(noMinutes.getBody().get("problems"))).extracting(p -> p.get("field")).containsExactly("minutes");

        ResponseEntity<Map<String, Object>> badRate = post("/api/v1/alert-rules", rule(developer, projectId,
                "error-log-rate", Map.of("threshold", 0, "window", "soon"), null), developer);
        assertThat(badRate.getStatusCode().value()).isEqualTo(422);
        assertThat(list(badRate.getBody().get("problems"))).extracting(p -> p.get("field"))
                .containsExactlyInAnyOrder("threshold", "window");

        ResponseEntity<Map<String, Object>> unknownType = post("/api/v1/alert-rules", rule(developer, projectId,
                "cpu-high", Map.of(), null), developer);
        assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(unknownType.getBody()).containsEntry("type", PROBLEMS + "validation");
        Map<String, Object> noWebhook = new HashMap<>(rule(developer, projectId, "deployment-failed", Map.of(), null));
        noWebhook.remove("webhook");
        assertThat(post("/api/v1/alert-rules", noWebhook, developer).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Map<String, Object> badFormat = new HashMap<>(rule(developer, projectId, "deployment-failed", Map.of(), null));
        badFormat.put("webhook", Map.of("url", "https://hooks.example.com/x", "format", "teams"));
        assertThat(post("/api/v1/alert-rules", badFormat, developer).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        Map<String, Object> ftp = new HashMap<>(rule(developer, projectId, "deployment-failed", Map.of(), null));
        ftp.put("webhook", Map.of("url", "ftp://hooks.example.com/x"));
        ResponseEntity<Map<String, Object>> ftpRefused = post("/api/v1/alert-rules", ftp, developer);
        assertThat(ftpRefused.getStatusCode().value()).isEqualTo(422);
        assertThat(ftpRefused.getBody()).containsEntry("type", PROBLEMS + "webhook-url-refused");
        assertThat(rulesOf(developer)).isZero();

        String id = (String) post("/api/v1/alert-rules", rule(developer, projectId, "health-check-failing",
                Map.of("minutes", 5), null), developer).getBody().get("id");
        ResponseEntity<Map<String, Object>> badPatch = call(HttpMethod.PATCH, "/api/v1/alert-rules/" + id,
                Map.of("minutes", 0, "enabled", false), developer).toEntity(JSON);
        assertThat(badPatch.getStatusCode().value()).isEqualTo(422);
        assertThat(jdbc.sql("SELECT minutes FROM alert_rules WHERE id = ? AND enabled").param(UUID.fromString(id))
                .query(Integer.class).single()).isEqualTo(5);
    }

    private long rulesOf(Member member) {
        return jdbc.sql("SELECT count(*) FROM alert_rules WHERE organization_id = ?").param(member.organizationId())
                .query(Long.class).single();
    }

    private org.springframework.web.client.RestClient.ResponseSpec http(HttpMethod method, String path, Object body,
            Member caller) {
        return call(method, path, body, caller);
    }

    static Map<String, Object> rule(Member member, UUID projectId, String type, Map<String, Object> settings,
            String secret) {
        Map<String, Object> webhook = new HashMap<>();
        webhook.put("url", "https://hooks.example.com/autodeploy");
        if (secret != null) {
            webhook.put("secret", secret);
        }
        Map<String, Object> body = new HashMap<>(settings);
        body.put("organizationId", member.organizationId());
        body.put("projectId", projectId);
        body.put("type", type);
        body.put("webhook", webhook);
        return body;
    }
}
