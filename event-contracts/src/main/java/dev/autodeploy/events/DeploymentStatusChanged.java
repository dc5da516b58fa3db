package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** A deployment moved to a new status, or one of its steps did ({@code step} is null for the whole deployment). */
public record DeploymentStatusChanged(UUID eventId, Instant occurredAt, UUID deploymentId, UUID projectId,
        UUID organizationId, String environment, String step, String previousStatus, String status,
        String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return deploymentId.toString();
    }
}
