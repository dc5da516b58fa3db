package dev.autodeploy.monitor.logs;

import java.time.Instant;
import java.util.UUID;

/** One stored line of a deployment's log; {@code sequence} orders it within the deployment. */
public record LogLine(UUID deploymentId, UUID organizationId, long sequence, Instant timestamp, String level,
        String source, String step, String message) {
}
