package dev.autodeploy.monitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One deployment of an environment as the metrics see it at the end of their window: a deployment that finished
 * after the window's end is still {@code running} (and has no {@code finishedAt}).
 */
record DeliveryRun(UUID id, String environment, String action, String status, String target, Instant commitTime,
        Instant createdAt, Instant startedAt, Instant finishedAt) {

    boolean ready() {
        return "ready".equals(status);
    }

    boolean error() {
        return "error".equals(status);
    }

    boolean cancelled() {
        return "cancelled".equals(status);
    }

    /** Waiting for approval: nothing was deployed (yet); neither a success nor a failure. */
    boolean awaitingApproval() {
        return "awaiting_approval".equals(status);
    }

    boolean rollback() {
        return "rollback".equals(action);
    }

    /** started → finished, for a run that has both. */
    Duration runTime() {
        return startedAt == null || finishedAt == null ? null : Duration.between(startedAt, finishedAt);
    }
}
