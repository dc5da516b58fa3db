package dev.autodeploy.auth.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One entry of an organization's audit log as the API answers it (and the NDJSON export writes it): who did what
 * to which target, when, from which request and address; {@code before}/{@code after} with secrets masked.
 */
record AuditEntry(UUID id, UUID organizationId, Instant occurredAt, Instant collectedAt, String service,
        String actorType, UUID actorId, String actorEmail, String action, String targetType, String targetId,
        Map<String, Object> before, Map<String, Object> after, String requestId, String ip, String userAgent) {
}
