package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The health of a deployment's app, as monitor-service's probes see it, moved from {@code previousState} to
 * {@code state} ({@code unknown}, {@code healthy}, {@code unhealthy}; {@code previousState} is {@code unknown} for
 * the first verdict). A deployment turns unhealthy only after {@code consecutiveFailures} failed probes in a row,
 * and healthy again after one that passed. {@code statusCode} is the HTTP status of the deciding probe (null when
 * it got no answer), {@code reason} what was wrong in words (null when healthy). Fields are only ever added, at the end.
 */
public record HealthCheckChanged(UUID eventId, Instant occurredAt, UUID deploymentId, UUID projectId,
        UUID organizationId, UUID environmentId, String environment, String url, String previousState, String state,
        int consecutiveFailures, Integer statusCode, String reason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return deploymentId.toString();
    }
}
