package dev.autodeploy.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The analyzer finished a repository analysis. {@code outcome} is {@code succeeded} or
 * {@code failed}; {@code buildConfiguration} holds the detected commands keyed by name.
 */
public record AnalysisCompleted(UUID eventId, Instant occurredAt, UUID analysisId, UUID repositoryId,
        UUID organizationId, String commitSha, String outcome, String framework,
        Map<String, String> buildConfiguration, String failureReason) implements DomainEvent {

    @Override
    public String aggregateId() {
        return repositoryId.toString();
    }
}
