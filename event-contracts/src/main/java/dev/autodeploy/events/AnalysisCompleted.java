package dev.autodeploy.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * The analyzer finished a repository analysis. {@code outcome} is {@code succeeded} or
 * {@code failed}; {@code buildConfiguration} holds the detected commands keyed by name. The
 * repository's clone URL (never with credentials), the branch analyzed (null when a bare commit was
 * asked for) and the primary app's directory ({@code ""} for the root) let a deployer check the same
 * code out. Fields are only ever added, at the end: older consumers ignore what they do not know.
 */
public record AnalysisCompleted(UUID eventId, Instant occurredAt, UUID analysisId, UUID repositoryId,
        UUID organizationId, String commitSha, String outcome, String framework,
        Map<String, String> buildConfiguration, String failureReason, String repositoryUrl, String branch,
        String rootDirectory) implements DomainEvent {

    @Override
    public String aggregateId() {
        return repositoryId.toString();
    }
}
