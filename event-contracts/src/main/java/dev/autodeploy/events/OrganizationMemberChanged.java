package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** A member joined, changed role in, or left an organization ({@code role} is null once removed). */
public record OrganizationMemberChanged(UUID eventId, Instant occurredAt, UUID organizationId, UUID userId,
        String previousRole, String role) implements DomainEvent {

    @Override
    public String aggregateId() {
        return organizationId.toString();
    }
}
