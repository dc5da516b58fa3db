package dev.autodeploy.deployer.deployment;

import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.project.EnvironmentSummary;
import org.springframework.stereotype.Component;

/**
 * Deployments other features start or stop without a user: a Git host's webhook deploys a pushed commit or a pull
 * request's head, and cancels a closed pull request's deployments; the approval of a deployment that waited for it
 * queues it or ends it. The same creation path as the API's (an
 * immutable record queued with its job in one transaction); joins the caller's transaction.
 */
@Component
public class DeploymentTriggers {

    private final DeploymentRequests requests;

    DeploymentTriggers(DeploymentRequests requests) {
        this.requests = requests;
    }

    /** Queues a deployment of {@code commitSha} (of {@code branch}) to the environment; returns its id. */
    public UUID deploy(EnvironmentSummary environment, String branch, String commitSha, Map<String, Object> metadata) {
        return requests.trigger(environment, branch, commitSha, metadata).id();
    }

    /** Cancels the environment's queued and running deployments; true when none of them runs any more. */
    public boolean cancelAll(UUID environmentId, String reason) {
        return requests.cancelAll(environmentId, reason);
    }

    /** A deployment that waited for approval got it and is queued now; false when it no longer waits. */
    public boolean approved(UUID deploymentId, String reason) {
        return requests.approved(deploymentId, reason);
    }

    /** A deployment that waited for approval ends cancelled (rejected, expired); false when it no longer waits. */
    public boolean refused(UUID deploymentId, String reason) {
        return requests.refused(deploymentId, reason);
    }

    /** Whether the environment has a queued or running deployment (one awaiting approval does not count). */
    public boolean busy(UUID environmentId) {
        return requests.busy(environmentId);
    }
}
