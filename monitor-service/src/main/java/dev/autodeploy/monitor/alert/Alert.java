package dev.autodeploy.monitor.alert;

import java.time.Instant;
import java.util.UUID;

/** An alert as stored: {@code open → acknowledged → resolved}, or {@code open → resolved}. */
record Alert(UUID id, UUID ruleId, UUID organizationId, UUID projectId, String environment, UUID deploymentId,
        String type, String status, String summary, Instant openedAt, Instant acknowledgedAt, UUID acknowledgedBy,
        Instant resolvedAt, UUID resolvedBy) {
}
