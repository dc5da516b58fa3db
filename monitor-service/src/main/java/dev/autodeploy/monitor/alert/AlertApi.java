package dev.autodeploy.monitor.alert;

import java.time.Instant;
import java.util.UUID;

/** Response bodies of {@code /api/v1/alerts}. */
final class AlertApi {

    private AlertApi() {
    }

    /** {@code resolvedBy} null with {@code resolvedAt} set: resolved automatically. */
    record AlertView(UUID id, UUID ruleId, UUID organizationId, UUID projectId, String environment, UUID deploymentId,
            String type, String status, String summary, Instant openedAt, Instant acknowledgedAt, UUID acknowledgedBy,
            Instant resolvedAt, UUID resolvedBy) {

        static AlertView of(Alert alert) {
            return new AlertView(alert.id(), alert.ruleId(), alert.organizationId(), alert.projectId(),
                    alert.environment(), alert.deploymentId(), alert.type(), alert.status(), alert.summary(),
                    alert.openedAt(), alert.acknowledgedAt(), alert.acknowledgedBy(), alert.resolvedAt(),
                    alert.resolvedBy());
        }
    }
}
