package dev.autodeploy.monitor.health;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the live deployment of each environment is probed ({@code autodeploy.monitor.health}).
 *
 * @param enabled whether this replica runs check rounds at all
 * @param path what is requested on the deployment's URL (with a leading slash)
 * @param interval time between two probes of one deployment
 * @param timeout connect and read timeout of a probe
 * @param expectedStatusMin lowest HTTP status that counts as healthy
 * @param expectedStatusMax highest HTTP status that counts as healthy (redirects are never followed)
 * @param failureThreshold failed probes in a row before a deployment is unhealthy (one blip does not flip it)
 * @param maxBodyBytes at most this much of a probe's response body is read
 * @param keepResults results kept per deployment; older ones are deleted
 * @param pollInterval how often a replica looks for due checks
 * @param batchSize checks one replica claims per round
 * @param allowPrivateAddresses whether probes (and alert webhooks) may reach loopback, private and link-local
 *        addresses; only for a single machine whose apps run on 127.0.0.1 (profile {@code local})
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.health")
public record HealthProperties(boolean enabled, @NotNull @Pattern(regexp = "/.*") String path,
        @NotNull Duration interval, @NotNull Duration timeout, @Min(100) @Max(599) int expectedStatusMin,
        @Min(100) @Max(599) int expectedStatusMax, @Min(1) int failureThreshold, @Min(0) int maxBodyBytes,
        @Min(1) int keepResults, @NotNull Duration pollInterval, @Min(1) int batchSize,
        boolean allowPrivateAddresses) {

    @AssertTrue(message = "expected-status-min must not be above expected-status-max")
    boolean isStatusRangeValid() {
        return expectedStatusMin <= expectedStatusMax;
    }

    @AssertTrue(message = "interval, timeout and poll-interval must be positive")
    boolean isDurationsPositive() {
        return interval == null || timeout == null || pollInterval == null
                || interval.isPositive() && timeout.isPositive() && pollInterval.isPositive();
    }

    boolean expected(int status) {
        return status >= expectedStatusMin && status <= expectedStatusMax;
    }
}
