package dev.autodeploy.deployer.target;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Where deployments run: the built-in local runner, Kubernetes, a CI system. One bean per target, chosen
 * per environment by {@link #id()}. The deployment runner calls {@link #build} in the
 * {@code build_application} step and {@link #deploy} in {@code deploy_to_provider}; both may be called again
 * for the same deployment after a crash (the previous attempt's leftovers are the target's to clean up), and
 * both must return promptly with {@link DeployFailure} when {@link #cancel} is called for the deployment.
 */
public interface DeployTarget {

    /** The id environments name this target by ({@code local}, {@code kubernetes}, {@code jenkins}, ...). */
    String id();

    /**
     * Checks an environment's settings for this target before they are stored: unknown keys and bad values
     * are refused with {@link InvalidTargetSettings}, saying which and why.
     */
    void checkSettings(Map<String, String> settings);

    /** Prepares what the target keeps per environment (a directory, a namespace, a CI job). Idempotent. */
    void create(TargetEnvironment environment) throws DeployFailure;

    /** Builds the deployment's commit into a release: checkout, install, build. */
    Release build(DeploymentContext deployment, LogSink logs) throws DeployFailure;

    /**
     * A release an earlier deployment of this environment built and the target still holds, for rollback
     * without rebuilding; empty when it has to be built again.
     */
    Optional<Release> reuse(DeploymentContext deployment, UUID builtBy);

    /**
     * Starts the release and makes it what the environment serves, only once it is healthy; when it is not,
     * the environment keeps serving what it served before and this throws {@link DeployFailure} with
     * {@link DeployFailure#keptPrevious()} set. A target that {@link #reportsStatusByCallback() reports by
     * callback} returns once the external run has started.
     */
    Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure;

    /**
     * True when the target's {@link #deploy} only starts the work elsewhere (a CI pipeline) and the outcome
     * arrives later on {@code PATCH /api/v1/deployments/{id}/status}; the deployment then waits in
     * {@code deploying} without a worker.
     */
    default boolean reportsStatusByCallback() {
        return false;
    }

    /** Stops whatever runs for the deployment's current step and kills its processes. Idempotent. */
    void cancel(UUID deploymentId);

    /** What the target says about the environment's serving release right now. */
    TargetStatus status(TargetEnvironment environment);

    /** Probes the environment's serving release. */
    HealthReport health(TargetEnvironment environment);

    /** Removes everything the target holds for the environment (processes, releases, jobs). Idempotent. */
    void destroy(TargetEnvironment environment);
}
