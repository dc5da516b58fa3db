package dev.autodeploy.deployer.cicd;

import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;

/** Real {@link ProviderCalls} for tests outside this package: quick retries, a breaker that opens after 10 calls. */
public final class TestProviderCalls {

    private TestProviderCalls() {
    }

    public static ProviderCalls quick() {
        ProviderCallProperties properties = new ProviderCallProperties(Duration.ofSeconds(2), Duration.ofSeconds(2),
                3, Duration.ofMillis(20), 2, Duration.ofMillis(100), Duration.ofSeconds(2));
        CircuitBreakerRegistry breakers = CircuitBreakerRegistry.of(Map.of(ProviderCalls.BREAKER_CONFIGURATION,
                CircuitBreakerConfig.custom().slidingWindowSize(10).minimumNumberOfCalls(10).failureRateThreshold(50)
                        .waitDurationInOpenState(Duration.ofSeconds(1)).build()));
        return new ProviderCalls(breakers, RetryRegistry.ofDefaults(), properties);
    }
}
