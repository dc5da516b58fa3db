package dev.autodeploy.monitor.alert;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.monitor.logs.LogLine;
import dev.autodeploy.monitor.logs.LogLinesIngested;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rules firing into alerts and alerts reaching a webhook receiver (WireMock on 127.0.0.1, allowed in tests), on
 * real Kafka and Postgres. Test config: deliveries retried after 300 ms, doubling to 1 s; a health-check-failing
 * rule's minute lasts a second.
 */
class AlertTests extends MonitorTest {

    private static final String SECRET = "whsec-" + UUID.randomUUID();

    @Autowired
    private JsonMapper json;

    @Autowired
    private ApplicationEventPublisher events;

    private WireMockServer receiver;

    /** Where the receiver listens (also while it is stopped). */
    private String receiverUrl;

    @BeforeEach
    void startReceiver() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiverUrl = receiver.baseUrl();
        receiver.stubFor(WireMock.post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop();
    }

    @Test
    void aFailedDeploymentOpensOneAlertAndTheReceiverVerifiesItsSignature() throws Exception {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String ruleId = createRule(developer, deployment.projectId, "deployment-failed", Map.of(), "generic", SECRET,
                "/hooks/generic");

        fail(deployment, "build failed: exit 1");
        LoggedRequest request = awaitRequests("/hooks/generic", 1).get(0);

        String timestamp = request.getHeader("X-AutoDeploy-Timestamp");
        String body = request.getBodyAsString();
        assertThat(request.getHeader("X-AutoDeploy-Signature")).isEqualTo("sha256=" + hmac(SECRET, timestamp + "."
                + body));
        assertThat(request.getHeader("X-AutoDeploy-Signature")).isNotEqualTo("sha256=" + hmac("another-secret",
                timestamp + "." + body));
        assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(120);
        assertThat(request.getHeader("X-AutoDeploy-Event")).isEqualTo("alert.opened");
        assertThat(request.getHeader("Content-Type")).startsWith("application/json");
        assertThat(body).doesNotContain(SECRET);
        Map<String, Object> payload = readJson(body);
        assertThat(payload).containsEntry("event", "alert.opened");
        Map<String, Object> alert = map(payload.get("alert"));
        assertThat(alert).containsEntry("ruleId", ruleId).containsEntry("type", "deployment-failed")
                .containsEntry("status", "open").containsEntry("environment", "production")
                .containsEntry("deploymentId", deployment.id.toString())
                .containsEntry("projectId", deployment.projectId.toString());
        assertThat((String) alert.get("summary")).contains("failed").contains("build failed: exit 1");

        // firing again while the alert is open adds nothing
        Deployment again = new Deployment(developer.organizationId(), deployment.projectId, deployment.environmentId,
                "production");
        fail(again, "again");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> alertsOfRule(ruleId) == 1);
        assertThat(receiver.countRequestsMatching(postRequestedFor(urlPathEqualTo("/hooks/generic")).build())
                .getCount()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT state FROM alert_deliveries WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(String.class).list()).containsExactly("delivered");
    }

    @Test
    void rulesMatchOnlyTheirOrganizationProjectAndEnvironment() {
        Member developer = member(Role.DEVELOPER);
        Deployment staging = new Deployment(developer.organizationId(), UUID.randomUUID(), UUID.randomUUID(),
                "staging");
        String productionOnly = createRule(developer, staging.projectId, "deployment-failed", Map.of("environment",
                "production"), "generic", null, "/hooks/production-only");
        // a deployment of the same project id published under another organization
        Member other = member(Role.OWNER);
        Deployment foreign = new Deployment(other.organizationId(), UUID.randomUUID(), UUID.randomUUID(), "production");
        String foreignRule = createRule(developer, foreign.projectId, "deployment-failed", Map.of(), "generic", null,
                "/hooks/foreign");

        fail(staging, "nope");
        fail(foreign, "nope");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> alertsOfRule(productionOnly) == 0 && alertsOfRule(foreignRule) == 0);
    }

    @Test
    void aSlackRuleSendsTextAndBlocks() {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        createRule(developer, deployment.projectId, "deployment-failed", Map.of(), "slack", null, "/hooks/slack");

        fail(deployment, "tests failed");
        LoggedRequest request = awaitRequests("/hooks/slack", 1).get(0);

        assertThat(request.getHeader("X-AutoDeploy-Signature")).as("no secret, no signature").isNull();
        Map<String, Object> payload = readJson(request.getBodyAsString());
        assertThat((String) payload.get("text")).startsWith(":rotating_light: Alert: ").contains("tests failed");
        List<Map<String, Object>> blocks = list(payload.get("blocks"));
        assertThat(blocks).extracting(block -> block.get("type")).containsExactly("section", "context");
        assertThat(map(blocks.get(0).get("text"))).containsEntry("type", "mrkdwn");
        assertThat((String) map(blocks.get(0).get("text")).get("text")).contains("tests failed");
        Map<String, Object> context = list(blocks.get(1).get("elements")).get(0);
        assertThat((String) context.get("text")).contains("deployment-failed").contains(deployment.id.toString());
    }

    @Test
    void aReceiverThatIsDownGetsTheAlertOnceItIsBack() throws Exception {
        int port = receiver.port();
        receiver.stop();
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String ruleId = createRule(developer, deployment.projectId, "deployment-failed", Map.of(), "generic", SECRET,
                "/hooks/retry");

        fail(deployment, "down");
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("""
                SELECT count(*) FROM alert_deliveries WHERE rule_id = ? AND state = 'pending' AND attempts >= 2
                    AND last_error IS NOT NULL""").param(UUID.fromString(ruleId)).query(Long.class).single() == 1);

        receiver = new WireMockServer(wireMockConfig().port(port).bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(WireMock.post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(200)));
        LoggedRequest request = awaitRequests("/hooks/retry", 1).get(0);
        assertThat(request.getHeader("X-AutoDeploy-Signature")).isEqualTo("sha256=" + hmac(SECRET,
                request.getHeader("X-AutoDeploy-Timestamp") + "." + request.getBodyAsString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(jdbc.sql(
                "SELECT state FROM alert_deliveries WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(String.class).single()));
        assertThat(jdbc.sql("SELECT attempts FROM alert_deliveries WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(Integer.class).single()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aReceiverThatKeepsFailingIsGivenUpAfterTheLastAttempt() {
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/broken")).willReturn(aResponse().withStatus(500)));
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String ruleId = createRule(developer, deployment.projectId, "deployment-failed", Map.of(), "generic", null,
                "/hooks/broken");

        fail(deployment, "broken");
        // max-attempts is 5 in tests
        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(jdbc.sql(
                "SELECT state FROM alert_deliveries WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(String.class).single()));
        Map<String, Object> delivery = jdbc.sql("SELECT attempts, last_status_code, last_error FROM alert_deliveries"
                + " WHERE rule_id = ?").param(UUID.fromString(ruleId)).query().singleRow();
        assertThat(delivery).containsEntry("attempts", 5).containsEntry("last_status_code", 500)
                .containsEntry("last_error", "status 500");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.countRequestsMatching(
                postRequestedFor(urlPathEqualTo("/hooks/broken")).build()).getCount() == 5);
        // the alert itself stays open
        assertThat(jdbc.sql("SELECT status FROM alerts WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(String.class).single()).isEqualTo("open");
    }

    @Test
    void alertsAreAcknowledgedAndResolvedOnceByDevelopersAndListedByStatus() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Deployment deployment = deployment(developer);
        String ruleId = createRule(developer, deployment.projectId, "deployment-failed", Map.of(), "generic", null,
                "/hooks/lifecycle");
        fail(deployment, "boom");
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOfRule(ruleId) == 1);
        String alertId = jdbc.sql("SELECT id FROM alerts WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(UUID.class).single().toString();
        String listing = "/api/v1/alerts?organizationId=" + developer.organizationId() + "&projectId="
                + deployment.projectId;

        Map<String, Object> open = get(listing + "&status=open", viewer).getBody();
        assertThat(list(open.get("content"))).extracting(a -> a.get("id")).containsExactly(alertId);
        assertThat(map(open.get("page"))).containsEntry("totalElements", 1);
        assertThat(post("/api/v1/alerts/" + alertId + "/acknowledge", null, viewer).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("/api/v1/alerts/" + alertId + "/acknowledge", null, stranger()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/alerts?organizationId=" + developer.organizationId(), stranger()).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        ResponseEntity<Map<String, Object>> acknowledged = post("/api/v1/alerts/" + alertId + "/acknowledge", null,
                developer);
        assertThat(acknowledged.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(acknowledged.getBody()).containsEntry("status", "acknowledged")
                .containsEntry("acknowledgedBy", developer.userId().toString());
        assertThat(acknowledged.getBody().get("acknowledgedAt")).isNotNull();
        ResponseEntity<Map<String, Object>> twice = post("/api/v1/alerts/" + alertId + "/acknowledge", null, developer);
        assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(twice.getBody()).containsEntry("type", "https://autodeploy.dev/problems/illegal-alert-transition");

        ResponseEntity<Map<String, Object>> resolved = post("/api/v1/alerts/" + alertId + "/resolve", null, developer);
        assertThat(resolved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(resolved.getBody()).containsEntry("status", "resolved")
                .containsEntry("resolvedBy", developer.userId().toString());
        assertThat(post("/api/v1/alerts/" + alertId + "/resolve", null, developer).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("/api/v1/alerts/" + alertId + "/acknowledge", null, developer).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(list(get(listing + "&status=open", viewer).getBody().get("content"))).isEmpty();
        assertThat(get(listing + "&status=closed", viewer).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(list(get(listing + "&status=resolved", viewer).getBody().get("content")))
                .extracting(a -> a.get("id")).containsExactly(alertId);

        List<LoggedRequest> notified = awaitRequests("/hooks/lifecycle", 2);
        assertThat(notified).extracting(r -> r.getHeader("X-AutoDeploy-Event"))
                .containsExactlyInAnyOrder("alert.opened", "alert.resolved");

        // resolved, the rule may fire again
        fail(new Deployment(developer.organizationId(), deployment.projectId, deployment.environmentId, "production"),
                "again");
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOfRule(ruleId) == 2);
    }

    @Test
    void anEnvironmentUnhealthyForTheRulesMinutesOpensAnAlertThatResolvesItselfWhenHealthyAgain() {
        WireMockServer app = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
        try {
            app.stubFor(WireMock.get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(500)));
            Member developer = member(Role.DEVELOPER);
            Deployment deployment = deployment(developer);
            // 2 "minutes" of a second each in tests
            String ruleId = createRule(developer, deployment.projectId, "health-check-failing", Map.of("minutes", 2),
                    "generic", SECRET, "/hooks/health");
            Instant now = Instant.now();
            deployment.status("queued", now.minusSeconds(2));
            deployment.url = app.baseUrl();
            deployment.status("ready", now);

            await().atMost(Duration.ofSeconds(30)).until(() -> alertsOfRule(ruleId) == 1);
            Map<String, Object> opened = jdbc.sql("""
                    SELECT a.opened_at, h.unhealthy_since, a.deployment_id, a.status FROM alerts a
                    JOIN health_checks h ON h.deployment_id = a.deployment_id WHERE a.rule_id = ?""")
                    .param(UUID.fromString(ruleId)).query().singleRow();
            assertThat(opened.get("deployment_id")).isEqualTo(deployment.id);
            assertThat(Duration.between(((Timestamp) opened.get("unhealthy_since")).toInstant(),
                    ((Timestamp) opened.get("opened_at")).toInstant())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

            app.stubFor(WireMock.get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200)));
            await().atMost(Duration.ofSeconds(30)).until(() -> "resolved".equals(jdbc.sql(
                    "SELECT status FROM alerts WHERE rule_id = ?").param(UUID.fromString(ruleId)).query(String.class)
                    .single()));
            assertThat(jdbc.sql("SELECT resolved_by FROM alerts WHERE rule_id = ?").param(UUID.fromString(ruleId))
                    .query(UUID.class).list()).containsOnlyNulls();
            assertThat(awaitRequests("/hooks/health", 2)).extracting(r -> r.getHeader("X-AutoDeploy-Event"))
                    .containsExactly("alert.opened", "alert.resolved");
        }
        finally {
            app.stop();
        }
    }

    @Test
    void errorLinesReachingTheThresholdWithinTheWindowOpenAnAlert() {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        deployment.status("queued", Instant.now()).status("building", Instant.now());
        awaitKnown(deployment.id, "building");
        String ruleId = createRule(developer, deployment.projectId, "error-log-rate", Map.of("threshold", 3,
                "window", "1m"), "generic", null, "/hooks/errors");

        ingest(deployment, "error", "info", "error");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> alertsOfRule(ruleId) == 0);
        // lines older than the window do not count
        ingest(deployment, Instant.now().minusSeconds(120), "error", "error");
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> alertsOfRule(ruleId) == 0);

        ingest(deployment, "ERROR");
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOfRule(ruleId) == 1);
        Map<String, Object> payload = readJson(awaitRequests("/hooks/errors", 1).get(0).getBodyAsString());
        assertThat((String) map(payload.get("alert")).get("summary")).startsWith("3 error lines in production");
    }

    @Test
    void errorLinesFromTheDeployersLogTopicOpenAnErrorRateAlert() {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        deployment.status("queued", Instant.now()).status("building", Instant.now());
        awaitKnown(deployment.id, "building");
        String ruleId = createRule(developer, deployment.projectId, "error-log-rate", Map.of("threshold", 2,
                "window", "PT1M", "environment", "production"), "generic", null, "/hooks/kafka-errors");

        deployment.log("error", "build_application", "npm ERR! missing script: build", Instant.now());
        deployment.log("info", "build_application", "retrying", Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                "SELECT count(*) FROM deployment_logs WHERE deployment_id = ?").param(deployment.id)
                .query(Long.class).single() == 2);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> alertsOfRule(ruleId) == 0);

        deployment.log("fatal", "build_application", "build failed", Instant.now());
        await().atMost(Duration.ofSeconds(30)).until(() -> alertsOfRule(ruleId) == 1);
        Map<String, Object> payload = readJson(awaitRequests("/hooks/kafka-errors", 1).get(0).getBodyAsString());
        assertThat(map(payload.get("alert"))).containsEntry("type", "error-log-rate")
                .containsEntry("deploymentId", deployment.id.toString());
    }

    /**
     * Stores lines as the log ingestion does and then tells the service, as it does, with {@link LogLinesIngested}.
     */
    private void ingest(Deployment deployment, String... levels) {
        ingest(deployment, Instant.now(), levels);
    }

    private void ingest(Deployment deployment, Instant at, String... levels) {
        List<LogLine> lines = new ArrayList<>();
        for (String level : levels) {
            long sequence = jdbc.sql("SELECT coalesce(max(sequence), 0) + 1 FROM deployment_logs WHERE deployment_id = ?")
                    .param(deployment.id).query(Long.class).single();
            jdbc.sql("""
                    INSERT INTO deployment_logs (deployment_id, sequence, event_id, organization_id, logged_at, level,
                        source, step, message, ingested_at) VALUES (?, ?, ?, ?, ?, ?, 'runtime', NULL, ?, now())""")
                    .params(deployment.id, sequence, UUID.randomUUID(), deployment.organizationId, Timestamp.from(at),
                            level, "line " + sequence).update();
            lines.add(new LogLine(deployment.id, deployment.organizationId, sequence, at, level, "runtime", null,
                    "line " + sequence));
        }
        events.publishEvent(new LogLinesIngested(lines));
    }

    private void fail(Deployment deployment, String reason) {
        Instant now = Instant.now();
        deployment.status("queued", now.minusSeconds(2)).status("building", now.minusSeconds(1))
                .status("error", reason, now);
        awaitKnown(deployment.id, "error");
    }

    private String createRule(Member member, UUID projectId, String type, Map<String, Object> settings, String format,
            String secret, String path) {
        Map<String, Object> body = AlertRuleTests.rule(member, projectId, type, settings, null);
        Map<String, Object> webhook = new java.util.HashMap<>();
        webhook.put("url", receiverUrl + path);
        webhook.put("format", format);
        if (secret != null) {
            webhook.put("secret", secret);
        }
        body.put("webhook", webhook);
        ResponseEntity<Map<String, Object>> created = post("/api/v1/alert-rules", body, member);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return (String) created.getBody().get("id");
    }

    private long alertsOfRule(String ruleId) {
        return jdbc.sql("SELECT count(*) FROM alerts WHERE rule_id = ?").param(UUID.fromString(ruleId))
                .query(Long.class).single();
    }

    private List<LoggedRequest> awaitRequests(String path, int count) {
        List<LoggedRequest> requests = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            requests.clear();
            requests.addAll(receiver.findAll(postRequestedFor(urlPathEqualTo(path))));
            return requests.size() >= count;
        });
        return requests;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> readJson(String body) {
        return json.readValue(body, Map.class);
    }

    private static String hmac(String secret, String content) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
    }
}
