package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** A new account exists; {@code method} says how it was created ({@code password}, {@code github}, ...). */
public record UserRegistered(UUID eventId, Instant occurredAt, UUID userId, String method) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId.toString();
    }
}
