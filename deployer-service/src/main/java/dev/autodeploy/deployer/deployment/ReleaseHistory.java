package dev.autodeploy.deployer.deployment;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.autodeploy.deployer.envvar.VariableStore;

/**
 * What deployments tell the release feature and ask of it (implemented in {@code release}, so that deployments do
 * not depend on it): the variable set a deployment runs with, the release a ready deployment leaves, the commit a
 * rollback goes back from, and whether a commit is blocked in an environment.
 */
public interface ReleaseHistory {

    /**
     * A deployment about to run, asking for its variables.
     *
     * @param source its checkout (null or missing when nothing is checked out yet, as for a rollback reusing a
     *         release)
     */
    record Starting(UUID deploymentId, UUID environmentId, String action, UUID parentId,
            boolean keepCurrentVariables, Map<String, String> build, Path source) {
    }

    /**
     * The variables the deployment runs with. The first call captures them — for a rollback the set of the release
     * it goes back to (unless it keeps today's), otherwise {@code current} — and every later call (a resumed
     * deployment, a target asking again) answers that same set.
     */
    VariableStore.Resolved variables(Starting deployment, Supplier<VariableStore.Resolved> current);

    /**
     * A deployment that reached ready; called in the transaction of that move.
     *
     * @param outputs the build and deploy steps' outputs ({@code release.*}, {@code deployed.*})
     * @param source the deployment's checkout (may be gone: a rollback reusing a release checks nothing out)
     */
    record Ready(UUID deploymentId, UUID organizationId, UUID projectId, UUID environmentId, String commitSha,
            String target, String action, UUID parentId, Map<String, String> outputs, Map<String, String> build,
            Path source) {
    }

    void ready(Ready deployment);

    /**
     * The environment went back from {@code fromCommit} (what it served, or a deployment that failed and was
     * rolled back automatically); called in the transaction of the rollback. {@code actor} null: the platform.
     */
    record RolledBack(UUID organizationId, UUID environmentId, String environment, String fromCommit,
            UUID fromDeploymentId, UUID rollbackDeploymentId, UUID actor) {
    }

    void rolledBack(RolledBack rollback);

    /** Why the commit is blocked in the environment, when it is. */
    Optional<String> blocked(UUID environmentId, String commitSha);
}
