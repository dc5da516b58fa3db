package dev.autodeploy.deployer.target;

import java.time.Duration;
import java.time.Instant;

/** One probe of an environment's serving release. */
public record HealthReport(boolean healthy, Integer httpStatus, Duration latency, String detail, Instant checkedAt) {
}
