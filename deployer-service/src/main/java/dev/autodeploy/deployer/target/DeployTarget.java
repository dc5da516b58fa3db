package dev.autodeploy.deployer.target;

import java.util.Optional;
import java.util.UUID;

/**
 * Where deployments run: the built-in local runner, Kubernetes, a CI system. One bean per target, chosen
 * per environment by {@link #id()}. The deployment state machine calls {@link #build} in the
 * {@code build_application} step and {@link #deploy} in {@code deploy_to_provider}; both may be called again
 * for the same deployment after a crash (the previous attempt's leftovers are the target's to clean up), and
 * both must return promptly with {@link DeployFailure} when {@link #cancel} is called for the deployment.
 */
public interface DeployTarget {

    /** The id environments name this target by ({@code local}, {@code kubernetes}, {@code jenkins}, ...). */
    String id();

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
     * {@link DeployFailure#keptPrevious()} set.
     */
    Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure;

    /** Stops whatever runs for the deployment's current step and kills its processes. Idempotent. */
    void cancel(UUID deploymentId);

    /** What the target says about the environment's serving release right now. */
    TargetStatus status(TargetEnvironment environment);

    /** Probes the environment's serving release. */
    HealthReport health(TargetEnvironment environment);

    /** Removes everything the target holds for the environment (processes, releases, jobs). */
    void destroy(TargetEnvironment environment);
}
