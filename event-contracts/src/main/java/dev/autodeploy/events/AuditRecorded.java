package dev.autodeploy.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Someone (or the platform itself) changed something in an organization. Every service publishes one per
 * mutating action, in the transaction of the change; auth-service collects them into the organization's
 * append-only audit log. {@code actorType} is {@code user} ({@code actorId} the user), {@code system} (the
 * platform on its own: a sweeper, an automatic rollback) or {@code webhook} (a Git host or CI callback);
 * {@code action} is {@code <resource>.<past-tense verb>} ({@code project.created}, {@code deployment.approved});
 * {@code before}/{@code after} are the target's relevant fields before and after the change (null for a creation
 * or a deletion respectively), secret values already masked. {@code requestId} and {@code ip} come from the request
 * that caused it (null for background work). Fields are only ever added, at the end.
 */
public record AuditRecorded(UUID eventId, Instant occurredAt, UUID organizationId, String service, String actorType,
        UUID actorId, String action, String targetType, String targetId, Map<String, Object> before,
        Map<String, Object> after, String requestId, String ip, String userAgent) implements DomainEvent {

    @Override
    public String aggregateId() {
        return organizationId.toString();
    }
}
