package dev.autodeploy.monitor.health;

import java.time.Instant;
import java.util.UUID;

/** The health check of one deployment as stored: where it is probed and what the probes say so far. */
record HealthCheck(UUID deploymentId, UUID organizationId, UUID projectId, UUID environmentId, String environment,
        String url, Instant liveSince, boolean active, String stoppedReason, HealthState state,
        int consecutiveFailures, Instant stateChangedAt, Instant unhealthySince, Instant lastCheckedAt,
        Integer lastStatusCode, String lastError) {
}
