package dev.autodeploy.monitor.health;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The monitor as configured for production (private addresses not allowed): an app on 127.0.0.1 — a probe URL a
 * CI callback could have set — is never called, and a webhook on 127.0.0.1 is refused when the rule is made.
 */
@TestPropertySource(properties = "autodeploy.monitor.health.allow-private-addresses=false")
class PrivateAddressesRefusedTests extends MonitorTest {

    @Test
    void aProbeOfALoopbackAddressIsRefusedWithoutARequestAndTheDeploymentTurnsUnhealthy() {
        WireMockServer app = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
        app.start();
        try {
            app.stubFor(WireMock.any(anyUrl()).willReturn(aResponse().withStatus(200)));
            Member member = member(Role.VIEWER);
            Deployment deployment = deployment(member);
            Instant now = Instant.now();
            deployment.status("queued", now.minusSeconds(2));
            deployment.url = app.baseUrl();
            deployment.status("ready", now);

            await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql(
                    "SELECT count(*) FROM health_checks WHERE deployment_id = ? AND state = 'unhealthy'")
                    .param(deployment.id).query(Long.class).single() == 1);
            String error = jdbc.sql("SELECT last_error FROM health_checks WHERE deployment_id = ?").param(deployment.id)
                    .query(String.class).single();
            assertThat(error).isEqualTo("refused: the host is a loopback, private or link-local address");
            assertThat(app.countRequestsMatching(anyRequestedFor(anyUrl()).build()).getCount()).isZero();
        }
        finally {
            app.stop();
        }
    }

    @Test
    void anAlertRuleWithALoopbackWebhookIsRefusedAndNothingIsStored() {
        Member developer = member(Role.DEVELOPER);
        var refused = post("/api/v1/alert-rules", Map.of("organizationId", developer.organizationId(), "projectId",
                UUID.randomUUID(), "type", "deployment-failed", "webhook", Map.of("url", "http://127.0.0.1:9/hook")),
                developer);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/webhook-url-refused");
        assertThat(jdbc.sql("SELECT count(*) FROM alert_rules WHERE organization_id = ?")
                .param(developer.organizationId()).query(Long.class).single()).isZero();

        // a public address is fine; changing it to a private one is refused and changes nothing
        var created = post("/api/v1/alert-rules", Map.of("organizationId", developer.organizationId(), "projectId",
                UUID.randomUUID(), "type", "deployment-failed", "webhook", Map.of("url", "https://93.184.216.34/hook")),
                developer);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String id = (String) created.getBody().get("id");
        var patched = call(org.springframework.http.HttpMethod.PATCH, "/api/v1/alert-rules/" + id, Map.of("webhook",
                Map.of("url", "http://169.254.169.254/latest/meta-data/")), developer).toEntity(JSON);
        assertThat(patched.getStatusCode().value()).isEqualTo(422);
        assertThat(patched.getBody()).containsEntry("type", "https://autodeploy.dev/problems/webhook-url-refused");
        assertThat(jdbc.sql("SELECT webhook_url FROM alert_rules WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).isEqualTo("https://93.184.216.34/hook");
    }
}
