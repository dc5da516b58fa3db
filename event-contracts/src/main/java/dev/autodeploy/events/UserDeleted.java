package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** An account was deleted and its personal data removed; other services drop what they keep about it. */
public record UserDeleted(UUID eventId, Instant occurredAt, UUID userId) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId.toString();
    }
}
