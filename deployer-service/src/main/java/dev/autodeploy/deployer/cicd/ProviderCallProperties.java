package dev.autodeploy.deployer.cicd;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the deployer calls providers ({@code autodeploy.deployer.provider-calls}): HTTP timeouts and the retry
 * policy. The circuit breaker of each provider instance is Resilience4j's {@code provider} configuration
 * ({@code resilience4j.circuitbreaker.configs.provider}).
 *
 * @param maxAttempts attempts of one call, the first included
 * @param backoffInitial the wait before the second attempt; each further wait is {@code backoffMultiplier} times
 *     longer, up to {@code backoffMax}
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a provider asking for more fails the call instead
 */
@Validated
@ConfigurationProperties("autodeploy.deployer.provider-calls")
public record ProviderCallProperties(@NotNull Duration connectTimeout, @NotNull Duration readTimeout,
        @Min(1) @Max(10) int maxAttempts, @NotNull Duration backoffInitial, @Min(1) double backoffMultiplier,
        @NotNull Duration backoffMax, @NotNull Duration maxRetryAfter) {
}
