package dev.autodeploy.deployer.cicd;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.web.client.RestClient;

/**
 * {@link ProviderCalls} and {@link ProviderRestClients} for tests of provider clients without Spring: short
 * timeouts and back-offs, and a circuit breaker that opens after {@code breakerWindow} calls of which half failed
 * and tries again after {@code openFor}.
 */
public final class ProviderCallsFixture {

    private final ProviderCalls calls;
    private final ProviderRestClients restClients;

    public ProviderCallsFixture(int maxAttempts, int breakerWindow, Duration openFor) {
        ProviderCallProperties properties = new ProviderCallProperties(Duration.ofSeconds(2), Duration.ofSeconds(5),
                maxAttempts, Duration.ofMillis(20), 2.0, Duration.ofMillis(200), Duration.ofSeconds(5));
        CircuitBreakerConfig breaker = CircuitBreakerConfig.custom().slidingWindowSize(breakerWindow)
                .minimumNumberOfCalls(breakerWindow).failureRateThreshold(50).waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(1).automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        this.calls = new ProviderCalls(CircuitBreakerRegistry.of(Map.of(ProviderCalls.BREAKER_CONFIGURATION, breaker)),
                RetryRegistry.ofDefaults(), properties);
        this.restClients = new ProviderRestClients(RestClient.builder(), properties, Clock.systemUTC());
    }

    /** Three attempts per call and a breaker that opens after ten failing calls, for ~1 s. */
    public static ProviderCalls quick() {
        return new ProviderCallsFixture(3, 10, Duration.ofSeconds(1)).calls();
    }

    public ProviderCalls calls() {
        return calls;
    }

    public ProviderRestClients restClients() {
        return restClients;
    }
}
