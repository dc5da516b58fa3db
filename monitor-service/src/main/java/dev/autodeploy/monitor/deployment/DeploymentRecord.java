package dev.autodeploy.monitor.deployment;

import java.time.Instant;
import java.util.UUID;

/** A deployment as the monitor knows it from the deployer's status events. */
public record DeploymentRecord(UUID id, UUID organizationId, UUID projectId, UUID environmentId, String environment,
        String action, UUID parentId, String status, String statusReason, String target, String url,
        String commitSha, Instant commitTime, Instant createdAt, Instant startedAt, Instant finishedAt,
        Instant statusChangedAt) {

    public boolean finished() {
        return "ready".equals(status) || "error".equals(status) || "cancelled".equals(status);
    }
}
