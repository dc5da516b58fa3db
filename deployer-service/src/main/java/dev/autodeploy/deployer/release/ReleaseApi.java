package dev.autodeploy.deployer.release;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the release endpoints answer. Variable values are never in any of them. */
final class ReleaseApi {

    private ReleaseApi() {
    }

    /** A variable of a release: its key, whether it is secret, and the keyed fingerprint of its value. */
    record VariableView(String key, boolean secret, String fingerprint) {
    }

    /**
     * {@code GET /api/v1/deployments/{id}/release}: what a deployment that reached ready ran.
     *
     * @param artifactKind {@code release-directory} (local), {@code image} (kubernetes), {@code ci-run}
     * @param digest {@code sha256:<hex>} of the release directory, the image reference or digest, the CI run's URL
     * @param variablesRestoredFrom the release whose variables a rollback ran with; null when they were the
     *         environment's at the start
     */
    record ReleaseView(UUID deploymentId, UUID projectId, UUID environmentId, String commitSha, String target,
            String artifactKind, String digest, long variablesVersion, UUID variablesRestoredFrom,
            List<VariableView> variables, Map<String, Object> buildConfiguration, String migrationLevel,
            Instant createdAt) {
    }

    /** One side of a rollback: a deployment, its commit and release. */
    record Side(UUID deploymentId, String commitSha, Instant releasedAt) {
    }

    /** A commit as the repository records it; {@code title} is the message's first line. */
    record CommitView(String sha, String title, String author, Instant committedAt) {
    }

    /**
     * The commits between the two sides, read from the repository when the preview is asked for.
     *
     * @param from the commit the environment serves now (null when it serves nothing)
     * @param to the commit the rollback deploys
     * @param commitsAvailable whether the history could be read; when not, {@code note} says why and the lists are
     *         empty
     * @param removed commits the environment runs now that it would no longer run (newest first)
     * @param added commits it would run that it does not run now (newest first)
     * @param complete false when a list was cut at the limit or the two commits share no ancestor within it
     */
    record CommitRange(String from, String to, boolean commitsAvailable, List<CommitView> removed,
            List<CommitView> added, boolean complete, String note) {
    }

    /**
     * Keys the rollback adds, removes or changes relative to what the environment runs now.
     *
     * @param comparedWith {@code release} (the target release's snapshot, the default) or {@code current} (the
     *         environment's variables of today, with {@code keepCurrentVariables=true}, or when the target release
     *         has no snapshot)
     */
    record VariableChanges(String comparedWith, List<String> added, List<String> removed, List<String> changed,
            String note) {
    }

    /** The migration levels; {@code backwards} when the target's is below the current one. */
    record MigrationChange(String current, String target, boolean backwards) {
    }

    record Risk(String type, String message) {
    }

    /** Whether the target's commit is blocked in the environment, and why. */
    record BlockState(boolean blocked, String reason) {
    }

    /**
     * {@code GET /api/v1/deployments/{id}/rollback/preview}: what rolling back to the deployment would change.
     *
     * @param direction {@code backward} (to an ancestor of what runs, or an older release when the history is
     *         not known), {@code forward}, {@code same} (the release it serves now) or {@code initial} (the
     *         environment serves nothing)
     * @param blocksCommit the commit the rollback would block in the environment, if any
     */
    record RollbackPreview(UUID deploymentId, String environment, Side current, Side target, String direction,
            CommitRange commits, VariableChanges variables, MigrationChange migration, List<Risk> risks,
            BlockState targetCommit, String blocksCommit, boolean keepCurrentVariables) {
    }

    /** A blocked commit of an environment ({@code active} false once unblocked). */
    record BlockedCommitView(String environment, String commitSha, String reason, String blockedByType,
            UUID blockedBy, UUID blockedFromDeploymentId, UUID rollbackDeploymentId, Instant createdAt,
            int skippedCount, Instant lastSkippedAt, boolean active, Instant unblockedAt, UUID unblockedBy) {
    }
}
