package dev.autodeploy.monitor.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.HealthCheckChanged;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which notification events the platform's events are, and how long failed deliveries wait; no Spring. */
class NotificationEventsTests {

    @Test
    void aDeploymentStartsOnItsFirstMoveOutOfTheQueueOnly() {
        assertThat(NotificationEvents.of(status("queued", "building", "deploy", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_STARTED);
        assertThat(NotificationEvents.of(status("queued", "deploying", "deploy", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_STARTED);
        assertThat(NotificationEvents.of(status("awaiting_approval", "building", "deploy", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_STARTED);
        assertThat(NotificationEvents.of(status("building", "deploying", "deploy", null))).isEmpty();
        assertThat(NotificationEvents.of(status(null, "queued", "deploy", null))).isEmpty();
    }

    @Test
    void readyIsReadyOrRolledBackByTheDeploymentsAction() {
        assertThat(NotificationEvents.of(status("deploying", "ready", "deploy", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_READY);
        assertThat(NotificationEvents.of(status("deploying", "ready", "retry", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_READY);
        assertThat(NotificationEvents.of(status("deploying", "ready", "rollback", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_ROLLED_BACK);
    }

    @Test
    void anErrorIsAFailureAndAnAutomaticRollbackToo() {
        assertThat(NotificationEvents.of(status("building", "error", "deploy", "exit 1")))
                .containsExactly(NotificationEvent.DEPLOYMENT_FAILED);
        assertThat(NotificationEvents.of(status("deploying", "error", "deploy",
                "health check failed; Rolled back automatically to abc1234")))
                .containsExactly(NotificationEvent.DEPLOYMENT_FAILED, NotificationEvent.DEPLOYMENT_ROLLED_BACK);
    }

    @Test
    void awaitingApprovalIsAnApprovalRequestAndStepsAndCancellationsAreNothing() {
        assertThat(NotificationEvents.of(status("queued", "awaiting_approval", "deploy", null)))
                .containsExactly(NotificationEvent.DEPLOYMENT_APPROVAL_REQUESTED);
        assertThat(NotificationEvents.of(status("building", "cancelled", "deploy", null))).isEmpty();
        DeploymentStatusChanged step = new DeploymentStatusChanged(UUID.randomUUID(), Instant.now(),
                UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "production", "build_application", "running",
                "failed", null, UUID.randomUUID(), "deploy", null, "abc", null, "local", null, Instant.now());
        assertThat(NotificationEvents.of(step)).isEmpty();
    }

    @Test
    void healthDegradesOnTurningUnhealthyOnly() {
        assertThat(NotificationEvents.of(health("healthy", "unhealthy")))
                .containsExactly(NotificationEvent.HEALTH_DEGRADED);
        assertThat(NotificationEvents.of(health("unknown", "unhealthy")))
                .containsExactly(NotificationEvent.HEALTH_DEGRADED);
        assertThat(NotificationEvents.of(health("unhealthy", "healthy"))).isEmpty();
        assertThat(NotificationEvents.of(health("unknown", "healthy"))).isEmpty();
    }

    @Test
    void backoffGrowsByTheMultiplierUpToTheMaximumLessTheJitter() {
        NotificationProperties settings = new NotificationProperties(Duration.ofSeconds(1), 10,
                Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(1), 8, Duration.ofSeconds(10), 3.0,
                Duration.ofMinutes(2), 0.2, null, new NotificationProperties.Email("a@example.test"));
        Random random = new Random(42);
        for (int i = 0; i < 100; i++) {
            assertThat(settings.backoff(1, random)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
            assertThat(settings.backoff(2, random)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
            assertThat(settings.backoff(3, random)).isBetween(Duration.ofSeconds(72), Duration.ofSeconds(90));
            assertThat(settings.backoff(9, random)).isBetween(Duration.ofSeconds(96), Duration.ofMinutes(2));
        }
        NotificationProperties exact = new NotificationProperties(Duration.ofSeconds(1), 10, Duration.ofMinutes(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), 8, Duration.ofSeconds(10), 2.0, Duration.ofMinutes(2),
                0.0, "https://dash.example.test/", new NotificationProperties.Email("a@example.test"));
        assertThat(List.of(exact.backoff(1, random), exact.backoff(2, random), exact.backoff(3, random)))
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
        UUID id = UUID.randomUUID();
        assertThat(exact.deploymentLink(id)).isEqualTo("https://dash.example.test/deployments/" + id);
        assertThat(settings.deploymentLink(id)).isNull();
    }

    private static DeploymentStatusChanged status(String previous, String status, String action, String reason) {
        return new DeploymentStatusChanged(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), "production", null, previous, status, reason, UUID.randomUUID(), action, null,
                "abc", null, "local", null, Instant.now());
    }

    private static HealthCheckChanged health(String previous, String state) {
        return new HealthCheckChanged(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), UUID.randomUUID(),
                UUID.randomUUID(), UUID.randomUUID(), "production", "https://app.test", previous, state, 3, 503, null);
    }
}
