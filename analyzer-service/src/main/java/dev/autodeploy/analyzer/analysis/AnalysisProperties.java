package dev.autodeploy.analyzer.analysis;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How analyses run.
 *
 * @param concurrency consumers of {@code autodeploy.analysis.requests} per replica (analyses run at once)
 * @param cacheTtl how long a completed analysis stays in Redis, keyed by repository, commit and engine version
 * @param runningLimit an analysis running longer was abandoned (crash, restart) and is failed by the sweep
 * @param queuedLimit an analysis queued longer was never picked up (request dead-lettered) and is failed too
 * @param sweepInterval how often the sweep runs (it also runs at start-up)
 */
@Validated
@ConfigurationProperties("autodeploy.analyzer.analysis")
public record AnalysisProperties(@DefaultValue("2") @Min(1) @Max(64) int concurrency,
        @DefaultValue("24h") @NotNull Duration cacheTtl,
        @DefaultValue("10m") @NotNull Duration runningLimit,
        @DefaultValue("1h") @NotNull Duration queuedLimit,
        @DefaultValue("1m") @NotNull Duration sweepInterval) {
}
