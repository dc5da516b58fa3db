package dev.autodeploy.monitor.metrics;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Response bodies of {@code /api/v1/metrics/*}; durations in seconds, rates as fractions of 1. */
final class MetricsApi {

    private MetricsApi() {
    }

    /** {@code environment} null: every environment of the project, pooled. */
    record Dora(UUID projectId, String environment, Instant from, Instant to, double days,
            DeploymentFrequency deploymentFrequency, LeadTime leadTimeForChanges, ChangeFailureRate changeFailureRate,
            TimeToRestore timeToRestore) {
    }

    /** Deployments that went ready in the window, and that per day. */
    record DeploymentFrequency(int deployments, double perDay) {
    }

    /** Commit time → ready of the window's successful non-rollback deployments. */
    record LeadTime(int changes, Double medianSeconds, Double p90Seconds) {
    }

    record ChangeFailureRate(int failedChanges, int deployments, Double rate) {
    }

    /** Incidents that began in the window: restored ones (their median) and those still open at its end. */
    record TimeToRestore(int restored, int unrestored, Double medianSeconds) {
    }

    record Durations(UUID projectId, String environment, Instant from, Instant to, List<StepDuration> steps,
            StepDuration total) {
    }

    record StepDuration(String step, int count, Double p50Seconds, Double p90Seconds, Double p99Seconds) {
    }

    /** {@code cost} null when any part of it has no published price (or parts are in different currencies). */
    record Cost(UUID projectId, String environment, Instant from, Instant to, BigDecimal cost, String currency,
            int hoursPerMonth, List<CostCalculator.EnvironmentCost> environments) {
    }
}
