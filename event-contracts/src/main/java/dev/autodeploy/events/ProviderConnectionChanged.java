package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** A user linked or unlinked a provider account ({@code linked} false once unlinked). Never carries a token. */
public record ProviderConnectionChanged(UUID eventId, Instant occurredAt, UUID userId, String provider,
        String providerAccount, boolean linked) implements DomainEvent {

    @Override
    public String aggregateId() {
        return userId.toString();
    }
}
