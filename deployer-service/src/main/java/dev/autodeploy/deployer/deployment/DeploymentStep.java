package dev.autodeploy.deployer.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One step of a deployment as stored.
 *
 * @param output what the step produced that later steps or a resumed run need (release, URL, commit ...)
 * @param estimatedSeconds what this project's history said the step takes when the deployment was made
 */
record DeploymentStep(Step name, StepStatus status, Instant startedAt, Instant finishedAt, String error,
        Map<String, String> output, Integer estimatedSeconds, int attempts) {

    DeploymentStep {
        output = Map.copyOf(output);
    }

    /** How long the step ran (so far, when running), null when it has not started. */
    Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }
}
