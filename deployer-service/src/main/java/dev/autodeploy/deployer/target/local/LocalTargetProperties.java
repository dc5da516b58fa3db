package dev.autodeploy.deployer.target.local;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How the local target builds and runs releases ({@code autodeploy.deployer.local}); an environment's settings
 * override the per-release ones ({@code healthCheckPath}, {@code startTimeoutSeconds}, ...).
 *
 * @param publicHost the host of the environments' stable URLs
 * @param bindAddress where the stable ports listen
 * @param stablePortsFrom first port of the range environments' stable ports are taken from
 * @param watchPeriod how long a new release is watched after it took over; failing then switches back
 * @param keepReleases built releases kept on disk per environment (besides those running), for rollback
 * @param keepPreviousRunning the previous release keeps running beside the new one (rollback = a switch)
 * @param memoryLimit a release whose processes together hold more is stopped (and restarted)
 * @param runtimeLogLinesPerSecond a running app's output beyond this is dropped (and counted)
 * @param stopGrace how long a stopped process gets between SIGTERM and SIGKILL
 * @param path the {@code PATH} of builds and apps
 * @param stopAppsOnShutdown stop the apps when the deployer stops (by default they keep running and are found
 *        again at the next start)
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.local")
record LocalTargetProperties(@DefaultValue("localhost") @NotBlank String publicHost,
        @DefaultValue("127.0.0.1") @NotBlank String bindAddress,
        @DefaultValue("20000") @Min(1024) @Max(65535) int stablePortsFrom,
        @DefaultValue("20999") @Min(1024) @Max(65535) int stablePortsTo,
        @DefaultValue("15m") @NotNull Duration buildTimeout, @DefaultValue("60s") @NotNull Duration startTimeout,
        @DefaultValue("/") @NotBlank String healthCheckPath,
        @DefaultValue("500ms") @NotNull Duration healthCheckInterval,
        @DefaultValue("2s") @NotNull Duration healthCheckTimeout, @DefaultValue("5s") @NotNull Duration watchPeriod,
        @DefaultValue("5") @Min(1) int keepReleases, @DefaultValue("true") boolean keepPreviousRunning,
        @DefaultValue("1GB") @NotNull DataSize memoryLimit, @DefaultValue("4096") @Min(64) int maxOpenFiles,
        @DefaultValue("200") @Min(1) int runtimeLogLinesPerSecond, @DefaultValue("10s") @NotNull Duration stopGrace,
        @DefaultValue("/usr/local/bin:/usr/bin:/bin") @NotBlank String path,
        @DefaultValue("false") boolean stopAppsOnShutdown) {
}
