package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.util.UUID;

import dev.autodeploy.events.DeploymentQueued;
import dev.autodeploy.events.DeploymentStatusChanged;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The facts a deployment's changes publish, through the outbox: called inside the transaction of the change, so
 * the event is stored with it and reaches Kafka after the commit (also after a crash or while Kafka was down).
 */
@Component
class DeploymentEvents {

    private final ApplicationEventPublisher events;
    private final Clock clock;

    DeploymentEvents(ApplicationEventPublisher events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /** The deployment (as it is now) moved from {@code previous}. */
    void statusChanged(Deployment deployment, DeploymentStatus previous, String reason) {
        publish(deployment, null, previous == null ? null : previous.wire(), deployment.status().wire(), reason);
    }

    void stepChanged(Deployment deployment, Step step, StepStatus previous, StepStatus status, String reason) {
        publish(deployment, step.wire(), previous.wire(), status.wire(), reason);
    }

    /** Work for the environment's workers on {@code autodeploy.deployment.jobs}. */
    void queued(UUID deploymentId, UUID projectId, UUID environmentId, UUID organizationId, String reason) {
        events.publishEvent(new DeploymentQueued(UUID.randomUUID(), clock.instant(), deploymentId, projectId,
                environmentId, organizationId, reason));
    }

    void queued(Deployment deployment, String reason) {
        queued(deployment.id(), deployment.projectId(), deployment.environmentId(), deployment.organizationId(), reason);
    }

    private void publish(Deployment deployment, String step, String previous, String status, String reason) {
        events.publishEvent(new DeploymentStatusChanged(UUID.randomUUID(), clock.instant(), deployment.id(),
                deployment.projectId(), deployment.organizationId(), deployment.environment(), step, previous, status,
                reason, deployment.environmentId(), deployment.action(), deployment.parentId(), deployment.commitSha(),
                deployment.commitTime(), deployment.target(), deployment.url(), deployment.createdAt()));
    }
}
