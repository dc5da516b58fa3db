package dev.autodeploy.deployer.deployment;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How deployments are run ({@code autodeploy.deployer.deployments}).
 *
 * @param concurrency consumers of {@code autodeploy.deployment.jobs} per replica: environments deployed at once
 * @param attempts attempts of a deployment (a crashed worker's attempt counts) before it ends in error
 * @param backoffInitial wait before the second attempt, doubled for each further one, at most {@code backoffMax}
 * @param lease how long a worker's claim on a deployment holds without a heartbeat: a dead worker's
 *        deployments are taken over after this
 * @param heartbeat how often a worker renews its claims (and notices cancellations)
 * @param sweepInterval how often waiting and abandoned deployments are looked for
 * @param wakeGrace a queued deployment older than this without a worker is queued again (its job may be lost)
 * @param callbackTimeout how long a deployment run by a CI system waits for its status before it is failed
 * @param estimateHistory completed runs of a step per project the estimate is the median of
 * @param defaultEstimates estimate per step (by wire name) for projects without history
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.deployments")
record DeploymentProperties(@DefaultValue("2") @Min(1) int concurrency, @DefaultValue("3") @Min(1) int attempts,
        @DefaultValue("5s") @NotNull Duration backoffInitial, @DefaultValue("2m") @NotNull Duration backoffMax,
        @DefaultValue("30s") @NotNull Duration lease, @DefaultValue("2s") @NotNull Duration heartbeat,
        @DefaultValue("5s") @NotNull Duration sweepInterval, @DefaultValue("15s") @NotNull Duration wakeGrace,
        @DefaultValue("2h") @NotNull Duration callbackTimeout, @DefaultValue("10") @Min(1) int estimateHistory,
        @DefaultValue Map<String, Duration> defaultEstimates) {

    /** The wait before the attempt after attempt {@code attempt} (1-based). */
    Duration backoff(int attempt) {
        long factor = 1L << Math.min(20, Math.max(0, attempt - 1));
        Duration wait = backoffInitial.multipliedBy(factor);
        return wait.compareTo(backoffMax) > 0 ? backoffMax : wait;
    }

    int defaultEstimateSeconds(Step step) {
        Duration estimate = defaultEstimates.get(step.wire());
        return estimate == null ? 30 : (int) estimate.toSeconds();
    }
}
