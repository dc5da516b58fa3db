package dev.autodeploy.monitor.logs;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the monitor keeps and serves deployment log lines ({@code autodeploy.monitor.logs}).
 *
 * @param retention lines older than this (by their own time) are deleted
 * @param retentionInterval how often the retention runs
 * @param retentionBatch rows deleted per statement, so a large purge never holds long locks
 * @param pageSize lines per page of {@code GET /deployments/{id}/logs} when the caller names none
 * @param maxPageSize the most lines one page may ask for
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.logs")
public record LogProperties(@DefaultValue("30d") @NotNull Duration retention,
        @DefaultValue("1h") @NotNull Duration retentionInterval,
        @DefaultValue("10000") @Min(100) int retentionBatch,
        @DefaultValue("200") @Min(1) int pageSize,
        @DefaultValue("1000") @Min(1) @Max(10000) int maxPageSize) {
}
