package dev.autodeploy.monitor.stream;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A change of a deployment as the streams tell it, sent between replicas over Redis: the deployment's
 * {@code status} after it, the {@code step} it was about (null for the deployment itself) and that step's new
 * {@code stepStatus}, {@code progress} in percent (as GET /status tells it: {@link dev.autodeploy.monitor.deployment.DeploymentProgress}),
 * {@code occurredAt} of the change and whether the deployment is {@code finished}.
 */
record StatusUpdate(UUID deploymentId, String status, String step, String stepStatus, Integer progress,
        Instant occurredAt, boolean finished, Map<String, Object> metadata) {
}
