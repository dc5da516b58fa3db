package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/**
 * A deployment moved to a new status, or one of its steps did ({@code step} is null for the whole
 * deployment; then {@code previousStatus}/{@code status} are deployment statuses, otherwise step statuses).
 * The fields after {@code reason} describe the deployment as it is at that moment, so consumers (status
 * streams, DORA metrics, cost) need not ask the deployer: what it is ({@code action} deploy, retry,
 * rollback; {@code parentId} for a retry or rollback), what it deploys ({@code commitSha}, and
 * {@code commitTime} once known, for lead time), where ({@code target}, {@code url} once ready), and
 * {@code createdAt}. Fields are only ever added, at the end.
 */
public record DeploymentStatusChanged(UUID eventId, Instant occurredAt, UUID deploymentId, UUID projectId,
        UUID organizationId, String environment, String step, String previousStatus, String status,
        String reason, UUID environmentId, String action, UUID parentId, String commitSha, Instant commitTime,
        String target, String url, Instant createdAt) implements DomainEvent {

    @Override
    public String aggregateId() {
        return deploymentId.toString();
    }
}
