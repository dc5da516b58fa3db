package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/**
 * An environment has a deployment waiting to be run: work for the deployer's workers on
 * {@code autodeploy.deployment.jobs}. {@code reason} says why it was queued ({@code created},
 * {@code retry}, {@code rollback}, {@code resume} after a crash or a back-off). Keyed by project and
 * environment, so one environment's work stays on one partition and is run one deployment at a time;
 * a worker receiving it runs whatever that environment has waiting, so a duplicate or late delivery
 * does nothing.
 */
public record DeploymentQueued(UUID eventId, Instant occurredAt, UUID deploymentId, UUID projectId,
        UUID environmentId, UUID organizationId, String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return projectId + ":" + environmentId;
    }
}
