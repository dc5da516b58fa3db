package dev.autodeploy.monitor.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.HealthCheckChanged;

/**
 * Which notification events a platform event is. A deployment has started on its first move out of the queue
 * (into {@code building}, or {@code deploying} for targets without a build); {@code ready} is
 * {@code deployment.ready}, or {@code deployment.rolled-back} for a rollback; {@code error} is
 * {@code deployment.failed}, and also {@code deployment.rolled-back} when the deployer rolled back automatically
 * (its reason says so); {@code awaiting_approval} is {@code deployment.approval-requested}. A health check turning
 * {@code unhealthy} is {@code health.degraded}. Step changes are none.
 */
final class NotificationEvents {

    static final String AUTOMATIC_ROLLBACK = "rolled back automatically";

    private static final Set<String> WAITING = Set.of("queued", "awaiting_approval");

    private NotificationEvents() {
    }

    static List<NotificationEvent> of(DeploymentStatusChanged changed) {
        if (changed.step() != null || changed.status() == null) {
            return List.of();
        }
        List<NotificationEvent> events = new ArrayList<>();
        switch (changed.status()) {
            case "building", "deploying" -> {
                if (changed.previousStatus() == null || WAITING.contains(changed.previousStatus())) {
                    events.add(NotificationEvent.DEPLOYMENT_STARTED);
                }
            }
            case "ready" -> events.add("rollback".equals(changed.action()) ? NotificationEvent.DEPLOYMENT_ROLLED_BACK
                    : NotificationEvent.DEPLOYMENT_READY);
            case "error" -> {
                events.add(NotificationEvent.DEPLOYMENT_FAILED);
                if (changed.reason() != null
                        && changed.reason().toLowerCase(Locale.ROOT).contains(AUTOMATIC_ROLLBACK)) {
                    events.add(NotificationEvent.DEPLOYMENT_ROLLED_BACK);
                }
            }
            case "awaiting_approval" -> events.add(NotificationEvent.DEPLOYMENT_APPROVAL_REQUESTED);
            default -> {
            }
        }
        return events;
    }

    static List<NotificationEvent> of(HealthCheckChanged changed) {
        return "unhealthy".equals(changed.state()) && !"unhealthy".equals(changed.previousState())
                ? List.of(NotificationEvent.HEALTH_DEGRADED) : List.of();
    }
}
