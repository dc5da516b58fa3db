package dev.autodeploy.events;

import java.time.Instant;
import java.util.UUID;

/** A user asked for a repository to be analyzed at a branch or commit. */
public record AnalysisRequested(UUID eventId, Instant occurredAt, UUID analysisId, UUID repositoryId,
        UUID organizationId, String ref) implements DomainEvent {

    @Override
    public String aggregateId() {
        return repositoryId.toString();
    }
}
