package dev.autodeploy.support.audit;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.AuditRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a mutating action for the organization's audit log. Call it inside the transaction of the change:
 * the entry is an {@link AuditRecorded} event stored by the outbox with the change (so it exists exactly when
 * the change does) and carried to auth-service's audit store after the commit. Who did it, the request id,
 * the client address and user agent are taken from the current request; before/after are any JSON-able value
 * (a record, a map), turned into maps with every field whose name looks secret masked.
 */
public class AuditTrail {

    private final ApplicationEventPublisher events;
    private final AuditContext context;
    private final AuditMasking masking;
    private final JsonMapper json;
    private final String service;
    private final Clock clock;

    public AuditTrail(ApplicationEventPublisher events, AuditContext context, AuditMasking masking, JsonMapper json,
            String service, Clock clock) {
        this.events = events;
        this.context = context;
        this.masking = masking;
        this.json = json;
        this.service = service;
        this.clock = clock;
    }

    /** Records the action as done by whoever made the current request (the platform itself outside a request). */
    public AuditRecorded record(UUID organizationId, String action, AuditTarget target, Object before, Object after) {
        return record(context.currentActor(), organizationId, action, target, before, after);
    }

    /** Records the action as done by {@code actor} (a webhook, the platform on a user's behalf). */
    public AuditRecorded record(AuditActor actor, UUID organizationId, String action, AuditTarget target,
            Object before, Object after) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside a transaction the outbox would not store the entry with the change: a bug, not a user error.
            throw new IllegalStateException("Audit entries are recorded inside the transaction of the change");
        }
        if (organizationId == null || action == null || target == null) {
            throw new IllegalArgumentException("An audit entry needs an organization, an action and a target");
        }
        AuditContext.RequestFacts request = context.currentRequest();
        AuditRecorded entry = new AuditRecorded(UUID.randomUUID(), clock.instant(), organizationId, service,
                actor.type(), actor.id(), action, target.type(), target.id(), snapshot(before), snapshot(after),
                request.requestId(), request.ip(), request.userAgent());
        events.publishEvent(entry);
        return entry;
    }

    private Map<String, Object> snapshot(Object value) {
        if (value == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = value instanceof Map<?, ?> given
                ? json.convertValue(given, Map.class) : json.convertValue(value, Map.class);
        return masking.mask(map);
    }
}
