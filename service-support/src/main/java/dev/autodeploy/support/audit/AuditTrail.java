package dev.autodeploy.support.audit;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.AuditRecorded;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Records a mutating action for the organization's audit log, or ({@link #recordPersonal}) for a user's personal
 * security log when the action belongs to an account rather than to an organization. Call it inside the
 * transaction of the change: the entry is an {@link AuditRecorded} event stored by the outbox with the change (so it exists exactly when
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
        if (organizationId == null) {
            throw new IllegalArgumentException("An organization's audit entry needs an organization");
        }
        return publish(actor, organizationId, null, action, target, before, after);
    }

    /**
     * Records an action on the user's own account (a sign-in, a profile change, a provider connection) in their
     * personal log, which no organization's log shows. The actor is the signed-in user of the current request;
     * without one (registering, signing in: no token yet) the account's user.
     */
    public AuditRecorded recordPersonal(UUID userId, String action, AuditTarget target, Object before,
            Object after) {
        AuditActor current = context.currentActor();
        return recordPersonal(AuditActor.USER.equals(current.type()) ? current : AuditActor.user(userId), userId,
                action, target, before, after);
    }

    /** Records an action on the user's own account as done by {@code actor} (somebody not signed in, say). */
    public AuditRecorded recordPersonal(AuditActor actor, UUID userId, String action, AuditTarget target,
            Object before, Object after) {
        if (userId == null) {
            throw new IllegalArgumentException("A personal audit entry needs the user it is about");
        }
        return publish(actor, null, userId, action, target, before, after);
    }

    private AuditRecorded publish(AuditActor actor, UUID organizationId, UUID userId, String action,
            AuditTarget target, Object before, Object after) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Outside a transaction the outbox would not store the entry with the change: a bug, not a user error.
            throw new IllegalStateException("Audit entries are recorded inside the transaction of the change");
        }
        if (action == null || target == null) {
            throw new IllegalArgumentException("An audit entry needs an action and a target");
        }
        AuditContext.RequestFacts request = context.currentRequest();
        AuditRecorded entry = new AuditRecorded(UUID.randomUUID(), clock.instant(), organizationId, service,
                actor.type(), actor.id(), action, target.type(), target.id(), snapshot(before), snapshot(after),
                request.requestId(), request.ip(), request.userAgent(), userId);
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
