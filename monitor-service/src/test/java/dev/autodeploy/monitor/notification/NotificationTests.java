package dev.autodeploy.monitor.notification;

import java.nio.charset.StandardCharsets;
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
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.HealthCheckChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Notification channels end to end: deployer and health events on real Kafka, deliveries written in Postgres and
 * sent to WireMock receivers (generic webhook, Slack, Discord) and to a GreenMail SMTP server in-process (on the
 * random port the test profile gives {@code spring.mail.port}). Test config: retries after ~200 ms, tripling to 1 s,
 * four attempts.
 */
class NotificationTests extends MonitorTest {

    private static final String CHANNELS = "/api/v1/notification-channels";

    @Autowired
    private JsonMapper json;

    @Autowired
    private JavaMailSenderImpl mailSender;

    @Autowired
    private ConsumerFactory<String, CloudEvent<?>> consumers;

    private WireMockServer receiver;

    private GreenMail smtp;

    @BeforeEach
    void startReceivers() {
        receiver = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        receiver.start();
        receiver.stubFor(WireMock.post(urlPathMatching("/hooks/.*")).willReturn(aResponse().withStatus(204)));
        smtp = new GreenMail(new ServerSetup(mailSender.getPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopReceivers() {
        receiver.stop();
        smtp.stop();
    }

    @Test
    void aWebhookChannelReceivesSignedNotificationsOfADeploymentStartingAndBecomingReady() throws Exception {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Deployment deployment = deployment(developer);
        ResponseEntity<Map<String, Object>> created = create(developer, deployment.projectId, Map.of("name", "CI hook",
                "type", "webhook", "url", receiver.baseUrl() + "/hooks/generic/" + "path-secret"));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String secret = (String) created.getBody().get("signingSecret");
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(30);
        assertThat(created.getBody().get("events")).isEqualTo(NotificationEvent.allWire());
        assertThat(created.getBody()).containsEntry("environments", List.of()).containsEntry("enabled", true);
        String id = (String) created.getBody().get("id");

        ResponseEntity<Map<String, Object>> read = get(CHANNELS + "/" + id, viewer);
        assertThat(read.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read.getBody()).containsEntry("signingSecret", "********");
        assertThat((String) read.getBody().get("url")).doesNotContain("path-secret");
        assertThat(json.writeValueAsString(read.getBody())).doesNotContain(secret);
        assertThat(call(HttpMethod.GET, CHANNELS + "?organizationId=" + developer.organizationId() + "&projectId="
                + deployment.projectId, null, viewer).body(List.class)).hasSize(1);

        deployment.url = "https://app.example.test";
        deployment.status("queued", Instant.now()).status("building", Instant.now())
                .status("deploying", Instant.now()).status("ready", Instant.now());

        List<LoggedRequest> requests = awaitRequests("/hooks/generic/path-secret", 2);
        assertThat(requests).extracting(r -> r.getHeader("X-AutoDeploy-Event"))
                .containsExactlyInAnyOrder("deployment.started", "deployment.ready");
        for (LoggedRequest request : requests) {
            String timestamp = request.getHeader("X-AutoDeploy-Timestamp");
            String body = request.getBodyAsString();
            assertThat(request.getHeader("X-AutoDeploy-Signature")).isEqualTo("sha256=" + hmac(secret, timestamp
                    + "." + body));
            assertThat(request.getHeader("X-AutoDeploy-Delivery")).isNotBlank();
            assertThat(Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp))).isLessThan(120);
            assertThat(body).doesNotContain(secret);
        }
        Map<String, Object> ready = readJson(requests.stream().filter(r -> "deployment.ready".equals(
                r.getHeader("X-AutoDeploy-Event"))).findFirst().orElseThrow().getBodyAsString());
        assertThat(ready).containsEntry("event", "deployment.ready").containsEntry("status", "ready")
                .containsEntry("deploymentId", deployment.id.toString())
                .containsEntry("projectId", deployment.projectId.toString())
                .containsEntry("organizationId", developer.organizationId().toString())
                .containsEntry("environment", "production").containsEntry("commitSha", deployment.commitSha)
                .containsEntry("url", "https://app.example.test")
                .containsEntry("dashboardUrl", "https://autodeploy.test/deployments/" + deployment.id)
                .containsKeys("occurredAt", "reason");

        Map<String, Object> log = get(CHANNELS + "/" + id + "/deliveries", viewer).getBody();
        assertThat(((Number) map(log.get("page")).get("totalElements")).intValue()).isEqualTo(2);
        assertThat(list(log.get("content"))).allSatisfy(delivery -> assertThat(delivery)
                .containsEntry("status", "delivered").containsEntry("attempts", 1)
                .containsEntry("lastStatusCode", 204).containsEntry("nextAttemptAt", null))
                .extracting(d -> d.get("event"))
                .containsExactlyInAnyOrder("deployment.started", "deployment.ready");
    }

    @Test
    void slackAndDiscordChannelsGetTheirWebhookFormatsAndTheirUrlsAreNeverShown() {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String slackUrl = receiver.baseUrl() + "/hooks/slack/T000/B000/slack-token-xyz";
        String discordUrl = receiver.baseUrl() + "/hooks/discord/123/discord-token-xyz";
        ResponseEntity<Map<String, Object>> slack = create(developer, deployment.projectId, Map.of("name", "Slack",
                "type", "slack", "url", slackUrl, "events", List.of("deployment.failed")));
        ResponseEntity<Map<String, Object>> discord = create(developer, deployment.projectId, Map.of("name", "Discord",
                "type", "discord", "url", discordUrl, "events", List.of("deployment.failed")));
        assertThat(slack.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(discord.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        for (var channel : List.of(slack, discord)) {
            assertThat(channel.getBody()).containsEntry("signingSecret", null);
            String shown = json.writeValueAsString(get(CHANNELS + "/" + channel.getBody().get("id"), developer)
                    .getBody());
            assertThat(shown).doesNotContain("token-xyz");
        }
        assertThat(json.writeValueAsString(slack.getBody())).doesNotContain("slack-token-xyz");
        assertThat(jdbc.sql("SELECT url_ciphertext FROM notification_channels WHERE project_id = ?")
                .param(deployment.projectId).query(String.class).list()).noneMatch(s -> s.contains("token-xyz"));

        deployment.status("queued", Instant.now()).status("building", Instant.now())
                .status("error", "build failed: exit 1 <!channel>", Instant.now());

        Map<String, Object> slackBody = readJson(awaitRequests("/hooks/slack/T000/B000/slack-token-xyz", 1).get(0)
                .getBodyAsString());
        assertThat((String) slackBody.get("text")).contains("Deployment failed").contains("production");
        List<Map<String, Object>> blocks = list(slackBody.get("blocks"));
        assertThat(blocks).isNotEmpty().allSatisfy(block -> assertThat(block).containsKey("type"));
        assertThat(map(blocks.get(0).get("text"))).containsEntry("type", "mrkdwn");
        // Slack's control sequences in deployment text are escaped (no @channel ping)
        assertThat(json.writeValueAsString(blocks)).contains("build failed: exit 1 &lt;!channel&gt;")
                .doesNotContain("<!channel>");

        LoggedRequest discordRequest = awaitRequests("/hooks/discord/123/discord-token-xyz", 1).get(0);
        assertThat(discordRequest.getHeader("X-AutoDeploy-Signature")).isNull();
        Map<String, Object> discordBody = readJson(discordRequest.getBodyAsString());
        assertThat((String) discordBody.get("content")).contains("Deployment failed");
        List<Map<String, Object>> embeds = list(discordBody.get("embeds"));
        assertThat(embeds).hasSize(1);
        assertThat(embeds.get(0)).containsEntry("title", "Deployment failed")
                .containsEntry("description", "build failed: exit 1 <!channel>")
                .containsEntry("url", "https://autodeploy.test/deployments/" + deployment.id)
                .containsKeys("color", "timestamp", "fields");
        assertThat(map(discordBody.get("allowed_mentions"))).containsEntry("parse", List.of());
        assertThat(list(embeds.get(0).get("fields"))).extracting(f -> f.get("name"))
                .contains("Environment", "Deployment", "Reason");
        // started was filtered out: one request each
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> receiver.getAllServeEvents()
                .size() == 2);
    }

    @Test
    void anEmailChannelSendsAMessageThroughTheSmtpServer() throws Exception {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String recipient = "oncall-" + UUID.randomUUID() + "@example.test";
        ResponseEntity<Map<String, Object>> created = create(developer, deployment.projectId, Map.of("name", "On call",
                "type", "email", "recipients", List.of(recipient), "events", List.of("deployment.failed",
                        "deployment.rolled-back")));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.getBody()).containsEntry("recipients", List.of(recipient)).containsEntry("url", null);

        deployment.status("queued", Instant.now()).status("deploying", Instant.now())
                .status("error", "health check failed; rolled back automatically to the previous release",
                        Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> smtp.getReceivedMessages().length == 2);
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            assertThat(message.getAllRecipients()[0].toString()).isEqualTo(recipient);
            subjects.add(message.getSubject());
            String body = GreenMailUtil.getBody(message);
            assertThat(body).contains(deployment.id.toString()).contains("rolled back automatically")
                    .contains("https://autodeploy.test/deployments/" + deployment.id);
        }
        assertThat(subjects).containsExactlyInAnyOrder("[AutoDeploy] Deployment failed in production ("
                + deployment.commitSha.substring(0, 7) + ")", "[AutoDeploy] Deployment rolled back in production ("
                + deployment.commitSha.substring(0, 7) + ")");
    }

    @Test
    void aMissingMailServerMakesEmailDeliveriesFailAndRetryWithoutHarm() {
        smtp.stop();
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String id = (String) create(developer, deployment.projectId, Map.of("name", "Mail", "type", "email",
                "recipients", List.of("ops@example.test"))).getBody().get("id");

        assertThat(post(CHANNELS + "/" + id + "/test", null, developer).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(Duration.ofSeconds(30)).until(() -> "failed".equals(jdbc.sql(
                "SELECT state FROM notification_deliveries WHERE channel_id = ?").param(UUID.fromString(id))
                .query(String.class).single()));
        Map<String, Object> delivery = list(get(CHANNELS + "/" + id + "/deliveries", developer).getBody()
                .get("content")).get(0);
        assertThat(delivery).containsEntry("event", "notification.test").containsEntry("attempts", 4)
                .containsEntry("lastStatusCode", null);
        assertThat((String) delivery.get("lastError")).startsWith("mail ");
        assertThat(list(delivery.get("attemptLog"))).hasSize(4);
        assertThat(get("/actuator/health", null).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    void aFailingReceiverIsRetriedWithBackoffAndEveryAttemptIsLogged() {
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(500))
                .willSetStateTo("recovered"));
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/flaky")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(200)));
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String id = (String) create(developer, deployment.projectId, Map.of("name", "Flaky", "type", "webhook",
                "url", receiver.baseUrl() + "/hooks/flaky", "events", List.of("deployment.failed"))).getBody()
                .get("id");

        deployment.status("queued", Instant.now()).status("error", "out of memory", Instant.now());

        awaitRequests("/hooks/flaky", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(jdbc.sql(
                "SELECT state FROM notification_deliveries WHERE channel_id = ?").param(UUID.fromString(id))
                .query(String.class).single()));
        Map<String, Object> delivery = list(get(CHANNELS + "/" + id + "/deliveries", developer).getBody()
                .get("content")).get(0);
        assertThat(delivery).containsEntry("event", "deployment.failed").containsEntry("status", "delivered")
                .containsEntry("attempts", 2).containsEntry("lastStatusCode", 200).containsEntry("lastError", null)
                .containsEntry("deploymentId", deployment.id.toString());
        assertThat(delivery.get("deliveredAt")).isNotNull();
        List<Map<String, Object>> attempts = list(delivery.get("attemptLog"));
        assertThat(attempts).extracting(a -> a.get("statusCode")).containsExactly(500, 200);
        assertThat(attempts.get(0)).containsEntry("error", "status 500");
        assertThat(attempts.get(1)).containsEntry("error", null);
        // the second attempt waited the initial back-off (200 ms, less up to 20 % jitter)
        Duration waited = Duration.between(Instant.parse((String) attempts.get(0).get("at")),
                Instant.parse((String) attempts.get(1).get("at")));
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aChangedUrlIsUsedFromThenOnAndDisablingAChannelStopsItsPendingDeliveries() {
        // The first attempt fails at once; later ones take 1.5 s each (within the 2 s read timeout), so the channel
        // is disabled while the delivery still has attempts left however slow the machine is.
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/down")).inScenario("down")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(503))
                .willSetStateTo("slow"));
        receiver.stubFor(WireMock.post(urlPathEqualTo("/hooks/down")).inScenario("down")
                .whenScenarioStateIs("slow").willReturn(aResponse().withStatus(503).withFixedDelay(1500)));
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String id = (String) create(developer, deployment.projectId, Map.of("name", "Moving", "type", "discord",
                "url", receiver.baseUrl() + "/hooks/down", "events", List.of("deployment.failed"))).getBody()
                .get("id");

        deployment.status("queued", Instant.now()).status("error", "boom", Instant.now());
        awaitRequests("/hooks/down", 1);
        ResponseEntity<Map<String, Object>> disabled = call(HttpMethod.PATCH, CHANNELS + "/" + id,
                Map.of("enabled", false), developer).toEntity(JSON);
        assertThat(disabled.getStatusCode()).isEqualTo(HttpStatus.OK);
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(jdbc.sql(
                "SELECT state FROM notification_deliveries WHERE channel_id = ?").param(UUID.fromString(id))
                .query(String.class).single()));
        Map<String, Object> given = list(get(CHANNELS + "/" + id + "/deliveries", developer).getBody()
                .get("content")).get(0);
        assertThat(given).containsEntry("lastError", "channel disabled").containsEntry("nextAttemptAt", null);
        assertThat(list(given.get("attemptLog")).get(0)).containsEntry("statusCode", 503)
                .containsEntry("error", "status 503");

        ResponseEntity<Map<String, Object>> moved = call(HttpMethod.PATCH, CHANNELS + "/" + id, Map.of("enabled", true,
                "url", receiver.baseUrl() + "/hooks/moved/secret-part"), developer).toEntity(JSON);
        assertThat(moved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat((String) moved.getBody().get("url")).endsWith("/hooks/…").doesNotContain("secret-part");
        assertProblem(call(HttpMethod.PATCH, CHANNELS + "/" + id, Map.of("url", "file:///etc/passwd"), developer)
                .toEntity(JSON), 422, "notification-url-refused");
        assertThat(post(CHANNELS + "/" + id + "/test", null, developer).getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(readJson(awaitRequests("/hooks/moved/secret-part", 1).get(0).getBodyAsString()))
                .containsKeys("content", "embeds");
    }

    @Test
    void filtersThatExcludeAnEventOrEnvironmentSendNothing() {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String readyOnly = (String) create(developer, deployment.projectId, Map.of("name", "Ready only",
                "type", "webhook", "url", receiver.baseUrl() + "/hooks/ready-only",
                "events", List.of("deployment.ready"))).getBody().get("id");
        String stagingOnly = (String) create(developer, deployment.projectId, Map.of("name", "Staging only",
                "type", "webhook", "url", receiver.baseUrl() + "/hooks/staging-only",
                "environments", List.of("staging"))).getBody().get("id");
        String disabled = (String) create(developer, deployment.projectId, Map.of("name", "Off", "type", "webhook",
                "url", receiver.baseUrl() + "/hooks/off", "enabled", false)).getBody().get("id");
        // the same project id under another organization is not this channel's project
        Member other = member(Role.OWNER);
        Deployment foreign = new Deployment(other.organizationId(), UUID.randomUUID(), UUID.randomUUID(),
                "production");
        String foreignProject = (String) create(developer, foreign.projectId, Map.of("name", "Foreign",
                "type", "webhook", "url", receiver.baseUrl() + "/hooks/foreign")).getBody().get("id");

        deployment.status("queued", Instant.now()).status("building", Instant.now())
                .status("error", "tests failed", Instant.now());
        foreign.status("queued", Instant.now()).status("building", Instant.now());
        awaitKnown(deployment.id, "error");
        awaitKnown(foreign.id, "building");

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT count(*) FROM notification_deliveries WHERE channel_id IN (?, ?, ?, ?)").params(
                UUID.fromString(readyOnly), UUID.fromString(stagingOnly), UUID.fromString(disabled),
                UUID.fromString(foreignProject)).query(Long.class).single() == 0);
        assertThat(receiver.getAllServeEvents()).isEmpty();
    }

    @Test
    void approvalRequestsRollbacksAndDegradedHealthAreNotifiedOncePerEvent() {
        Member developer = member(Role.DEVELOPER);
        Deployment deployment = deployment(developer);
        String id = (String) create(developer, deployment.projectId, Map.of("name", "All", "type", "webhook",
                "url", receiver.baseUrl() + "/hooks/all", "events", List.of("deployment.approval-requested",
                        "deployment.rolled-back", "health.degraded"))).getBody().get("id");

        deployment.status("queued", Instant.now()).status("awaiting_approval", "production needs approval",
                Instant.now());
        Deployment rollback = new Deployment(developer.organizationId(), deployment.projectId,
                deployment.environmentId, "production");
        rollback.action = "rollback";
        rollback.parentId = deployment.id;
        rollback.status("queued", Instant.now()).status("deploying", Instant.now()).status("ready", Instant.now());
        HealthCheckChanged unhealthy = new HealthCheckChanged(UUID.randomUUID(), Instant.now(), rollback.id,
                deployment.projectId, developer.organizationId(), deployment.environmentId, "production",
                "https://app.example.test/", "healthy", "unhealthy", 3, 503, "status 503");
        publish(unhealthy);
        publish(unhealthy); // redelivered: notified once
        DeploymentStatusChanged approval = new DeploymentStatusChanged(UUID.randomUUID(), Instant.now(),
                UUID.randomUUID(), deployment.projectId, developer.organizationId(), "production", null, "queued",
                "awaiting_approval", null, deployment.environmentId, "deploy", null, "abc", null, "local", null,
                Instant.now());
        publish(approval);
        publish(approval);

        List<LoggedRequest> requests = awaitRequests("/hooks/all", 4);
        assertThat(requests).extracting(r -> r.getHeader("X-AutoDeploy-Event")).containsExactlyInAnyOrder(
                "deployment.approval-requested", "deployment.approval-requested", "deployment.rolled-back",
                "health.degraded");
        Map<String, Object> degraded = readJson(requests.stream().filter(r -> "health.degraded".equals(
                r.getHeader("X-AutoDeploy-Event"))).findFirst().orElseThrow().getBodyAsString());
        assertThat(degraded).containsEntry("status", "unhealthy").containsEntry("reason", "status 503")
                .containsEntry("deploymentId", rollback.id.toString()).containsEntry("environment", "production");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT count(*) FROM notification_deliveries WHERE channel_id = ?").param(UUID.fromString(id))
                .query(Long.class).single() == 4);
    }

    @Test
    void aTestNotificationIsSentAndLoggedAndTheSecretCanBeRotated() throws Exception {
        Member developer = member(Role.DEVELOPER);
        UUID projectId = UUID.randomUUID();
        ResponseEntity<Map<String, Object>> created = create(developer, projectId, Map.of("name", "Test me",
                "type", "webhook", "url", receiver.baseUrl() + "/hooks/test"));
        String id = (String) created.getBody().get("id");
        String first = (String) created.getBody().get("signingSecret");
        ResponseEntity<Map<String, Object>> rotated = post(CHANNELS + "/" + id + "/rotate-secret", null, developer);
        assertThat(rotated.getStatusCode()).isEqualTo(HttpStatus.OK);
        String second = (String) rotated.getBody().get("signingSecret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);

        ResponseEntity<Map<String, Object>> test = post(CHANNELS + "/" + id + "/test", null, developer);
        assertThat(test.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(test.getBody()).containsEntry("event", "notification.test").containsEntry("status", "pending");

        LoggedRequest request = awaitRequests("/hooks/test", 1).get(0);
        assertThat(request.getHeader("X-AutoDeploy-Signature")).isEqualTo("sha256=" + hmac(second,
                request.getHeader("X-AutoDeploy-Timestamp") + "." + request.getBodyAsString()));
        assertThat(readJson(request.getBodyAsString())).containsEntry("event", "notification.test")
                .containsEntry("projectId", projectId.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(list(get(CHANNELS + "/" + id
                + "/deliveries", developer).getBody().get("content")).get(0).get("status")));

        ResponseEntity<Map<String, Object>> slack = create(developer, projectId, Map.of("name", "s", "type", "slack",
                "url", receiver.baseUrl() + "/hooks/s"));
        assertThat(post(CHANNELS + "/" + slack.getBody().get("id") + "/rotate-secret", null, developer)
                .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        List<AuditRecorded> audited = awaitAudit(developer.organizationId(), id, 3);
        assertThat(audited).extracting(AuditRecorded::action).containsExactly("notification-channel.created",
                "notification-channel.secret-rotated", "notification-channel.tested");
        assertThat(audited).allSatisfy(entry -> {
            assertThat(entry.actorId()).isEqualTo(developer.userId());
            assertThat(entry.targetType()).isEqualTo("notification-channel");
            assertThat(String.valueOf(entry.before()) + entry.after()).doesNotContain(first).doesNotContain(second);
        });
        assertThat(audited.get(0).after()).containsEntry("name", "Test me").containsEntry("type", "webhook");
    }

    @Test
    void channelsAreManagedByDevelopersReadByViewersAndHiddenFromOtherOrganizations() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Member outsider = member(Role.OWNER);
        UUID projectId = UUID.randomUUID();
        Map<String, Object> body = Map.of("name", "Hook", "type", "webhook", "url", receiver.baseUrl() + "/hooks/x");
        assertThat(create(viewer, projectId, body).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(create(outsider, projectId, Map.of("name", "x", "type", "webhook", "url", receiver.baseUrl()),
                developer.organizationId()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        String id = (String) create(developer, projectId, body).getBody().get("id");

        for (Member stranger : List.of(outsider, stranger())) {
            assertThat(get(CHANNELS + "/" + id, stranger).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            ResponseEntity<Map<String, Object>> patched = call(HttpMethod.PATCH, CHANNELS + "/" + id,
                    Map.of("enabled", false), stranger).toEntity(JSON);
            assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(patched.getBody()).containsEntry("type",
                    "https://autodeploy.dev/problems/notification-channel-not-found");
            assertThat(call(HttpMethod.DELETE, CHANNELS + "/" + id, null, stranger).toEntity(JSON).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(post(CHANNELS + "/" + id + "/test", null, stranger).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get(CHANNELS + "/" + id + "/deliveries", stranger).getStatusCode())
                    .isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(get(CHANNELS + "?organizationId=" + developer.organizationId() + "&projectId=" + projectId,
                    stranger).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(call(HttpMethod.PATCH, CHANNELS + "/" + id, Map.of("enabled", false), viewer).toEntity(JSON)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get(CHANNELS + "/" + id + "/deliveries", viewer).getStatusCode()).isEqualTo(HttpStatus.OK);

        ResponseEntity<Map<String, Object>> patched = call(HttpMethod.PATCH, CHANNELS + "/" + id, Map.of(
                "name", "Renamed", "events", List.of("deployment.failed"), "environments", List.of("staging"),
                "enabled", false), developer).toEntity(JSON);
        assertThat(patched.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(patched.getBody()).containsEntry("name", "Renamed")
                .containsEntry("events", List.of("deployment.failed")).containsEntry("environments", List.of("staging"))
                .containsEntry("enabled", false).containsEntry("signingSecret", "********");
        assertThat(call(HttpMethod.DELETE, CHANNELS + "/" + id, null, developer).toEntity(JSON).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(get(CHANNELS + "/" + id, developer).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        List<AuditRecorded> audited = awaitAudit(developer.organizationId(), id, 3);
        assertThat(audited).extracting(AuditRecorded::action).containsExactly("notification-channel.created",
                "notification-channel.updated", "notification-channel.deleted");
        assertThat(audited.get(1).before()).containsEntry("name", "Hook").containsEntry("enabled", true);
        assertThat(audited.get(1).after()).containsEntry("name", "Renamed").containsEntry("enabled", false);
        assertThat(audited.get(2).after()).isNull();
    }

    @Test
    void invalidChannelsAreRefusedAndChangeNothing() {
        Member developer = member(Role.DEVELOPER);
        UUID projectId = UUID.randomUUID();
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "webhook")), 422,
                "invalid-notification-channel");
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "email")), 422,
                "invalid-notification-channel");
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "email", "url", "https://x.test",
                "recipients", List.of("a@example.test"))), 422, "invalid-notification-channel");
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "slack", "url",
                "ftp://files.example.test/hook")), 422, "notification-url-refused");
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "sms", "url", "https://x.test")), 400,
                "validation");
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "email", "recipients",
                List.of("not-an-address"))), 400, "validation");
        assertProblem(create(developer, projectId, Map.of("name", "x", "type", "webhook", "url", "https://x.test",
                "events", List.of("deployment.exploded"))), 400, "validation");
        assertThat(jdbc.sql("SELECT count(*) FROM notification_channels WHERE project_id = ?").param(projectId)
                .query(Long.class).single()).isZero();
    }

    private void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String type) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/" + type);
    }

    private ResponseEntity<Map<String, Object>> create(Member member, UUID projectId, Map<String, Object> fields) {
        return create(member, projectId, fields, member.organizationId());
    }

    private ResponseEntity<Map<String, Object>> create(Member member, UUID projectId, Map<String, Object> fields,
            UUID organizationId) {
        Map<String, Object> body = new java.util.LinkedHashMap<>(fields);
        body.put("organizationId", organizationId);
        body.put("projectId", projectId);
        return post(CHANNELS, body, member);
    }

    private List<AuditRecorded> awaitAudit(UUID organizationId, String channelId, int count) {
        List<AuditRecorded> seen = new ArrayList<>();
        try (Consumer<String, CloudEvent<?>> consumer = consumers.createConsumer("notification-audit-"
                + UUID.randomUUID(), null)) {
            consumer.subscribe(List.of(Topics.AUDIT_EVENTS));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, CloudEvent<?>> record : consumer.poll(Duration.ofMillis(300))) {
                    if (organizationId.toString().equals(record.key())
                            && record.value().data() instanceof AuditRecorded entry
                            && channelId.equals(entry.targetId())) {
                        seen.add(entry);
                    }
                }
                return seen.size() >= count;
            });
        }
        return seen;
    }

    private List<LoggedRequest> awaitRequests(String path, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.findAll(postRequestedFor(urlPathEqualTo(path)))
                .size() >= count);
        return receiver.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private Map<String, Object> readJson(String body) {
        return json.readValue(body, JSON_MAP);
    }

    private static final tools.jackson.core.type.TypeReference<Map<String, Object>> JSON_MAP =
            new tools.jackson.core.type.TypeReference<>() {
            };

    private static String hmac(String secret, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }
}
