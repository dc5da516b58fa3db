package dev.autodeploy.deployer.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.deployer.target.BuildSettings;

/**
 * One deployment as stored: an immutable record of what was deployed where (retries and rollbacks are new
 * deployments linked by {@code parentId}), with its status, its steps, and the runner's bookkeeping (claim,
 * attempts, cancellation). A snapshot: {@link DeploymentStore} reads a fresh one after every change.
 *
 * @param callbackToken TokenVault ciphertext; never shown
 */
record Deployment(UUID id, UUID organizationId, UUID projectId, UUID environmentId, String environment,
        String action, UUID parentId, DeploymentStatus status, String statusReason, String target,
        String repositoryUrl, String branch, String commitSha, String commitMessage, Instant commitTime,
        String rootDirectory, BuildSettings build, long variablesVersion, String url, Map<String, Object> metadata,
        boolean cancelRequested, int attempts, String claimedBy, Instant claimedUntil, UUID triggeredBy,
        Instant createdAt, Instant startedAt, Instant finishedAt, Instant updatedAt, long logSequence,
        String callbackToken, boolean awaitingCallback, boolean provisionDatabase, String lastError,
        UUID cancelledBy, List<DeploymentStep> steps) {

    static final String DEPLOY = "deploy";
    static final String RETRY = "retry";
    static final String ROLLBACK = "rollback";

    Deployment {
        metadata = Map.copyOf(metadata);
        steps = List.copyOf(steps);
    }

    Optional<DeploymentStep> step(Step name) {
        return steps.stream().filter(step -> step.name() == name).findFirst();
    }

    /** The step running now, if any. */
    Optional<DeploymentStep> runningStep() {
        return steps.stream().filter(step -> step.status() == StepStatus.RUNNING).findFirst();
    }

    @Override
    public String toString() {
        return "Deployment[" + id + " " + status.wire() + " " + environment + " @" + commitSha + "]";
    }
}
