package dev.autodeploy.monitor.deployment;

import java.time.Instant;

/** A step of a deployment (checkout, install, build, deploy, health-check, ...) as its latest step event left it. */
public record StepRecord(String name, String status, Instant startedAt, Instant finishedAt, Instant changedAt) {

    public boolean finished() {
        return "completed".equals(status) || "failed".equals(status) || "skipped".equals(status)
                || "cancelled".equals(status);
    }
}
