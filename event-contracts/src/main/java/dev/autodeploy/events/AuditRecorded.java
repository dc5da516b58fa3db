package dev.autodeploy.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Someone (or the platform itself) changed something in an organization, or in a user's own account. Every service
 * publishes one per mutating action, in the transaction of the change; auth-service collects them into the
 * organization's append-only audit log, or — {@code organizationId} null, {@code userId} set — into the user's
 * personal security log (sign-ins, profile changes, provider connections). {@code actorType} is {@code user}
 * ({@code actorId} the user), {@code system} (the platform on its own: a sweeper, an automatic rollback),
 * {@code webhook} (a Git host or CI callback) or {@code anonymous} (nobody signed in: a failed sign-in);
 * {@code action} is {@code <resource>.<past-tense verb>} ({@code project.created}, {@code deployment.approved});
 * {@code before}/{@code after} are the target's relevant fields before and after the change (null for a creation
 * or a deletion respectively), secret values already masked. {@code requestId} and {@code ip} come from the request
 * that caused it (null for background work). Fields are only ever added, at the end: {@code userId} came last,
 * so an entry published before it (no {@code userId}) still reads as an organization entry.
 */
public record AuditRecorded(UUID eventId, Instant occurredAt, UUID organizationId, String service, String actorType,
        UUID actorId, String action, String targetType, String targetId, Map<String, Object> before,
        Map<String, Object> after, String requestId, String ip, String userAgent, UUID userId)
        implements DomainEvent {

    /** An organization's entry (no personal account), as every entry was before personal ones existed. */
    public AuditRecorded(UUID eventId, Instant occurredAt, UUID organizationId, String service, String actorType,
            UUID actorId, String action, String targetType, String targetId, Map<String, Object> before,
            Map<String, Object> after, String requestId, String ip, String userAgent) {
        this(eventId, occurredAt, organizationId, service, actorType, actorId, action, targetType, targetId, before,
                after, requestId, ip, userAgent, null);
    }

    /** The organization; for a personal entry the user, so one account's entries stay in order too. */
    @Override
    public String aggregateId() {
        return (organizationId != null ? organizationId : userId).toString();
    }
}
