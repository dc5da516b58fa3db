package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** One line of a deployment's build or runtime log; {@code sequence} orders lines within a deployment. */
public record DeploymentLogged(UUID eventId, Instant occurredAt, UUID deploymentId, UUID organizationId,
        long sequence, String level, String source, String step, String message) implements DomainEvent {

    @Override
    public String aggregateId() {
        return deploymentId.toString();
    }
}
