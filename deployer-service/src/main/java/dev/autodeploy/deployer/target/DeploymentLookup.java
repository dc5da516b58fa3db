package dev.autodeploy.deployer.target;

import java.util.Optional;
import java.util.UUID;

/**
 * What a target may ask the deployer about a deployment it runs a release of — after the deployer restarted,
 * say, to start that release again with the same variables and keep its output flowing into the right log.
 */
public interface DeploymentLookup {

    /** The deployment's context, its environment's variables decrypted as they are now; empty if it is gone. */
    Optional<DeploymentContext> context(UUID deploymentId);

    /** Where the deployment's log lines go (its runtime output, after the deployment itself ended). */
    LogSink logs(UUID deploymentId);
}
