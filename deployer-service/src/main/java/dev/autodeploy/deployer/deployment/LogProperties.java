package dev.autodeploy.deployer.deployment;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How deployment log lines are published ({@code autodeploy.deployer.logs}).
 *
 * @param flushInterval lines are collected this long, then published together in one transaction
 * @param batchSize at most this many lines of one deployment per transaction
 * @param maxBuffered lines of one deployment waiting to be published (the database down, say); beyond, the
 *        oldest are dropped and counted
 * @param maxLineLength longer lines are cut (and marked so)
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.logs")
record LogProperties(@DefaultValue("200ms") @NotNull Duration flushInterval, @DefaultValue("500") @Min(1) int batchSize,
        @DefaultValue("20000") @Min(1) int maxBuffered, @DefaultValue("8192") @Min(80) int maxLineLength) {
}
