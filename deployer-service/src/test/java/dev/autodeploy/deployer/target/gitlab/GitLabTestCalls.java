package dev.autodeploy.deployer.target.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallProperties;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import dev.autodeploy.deployer.cicd.ProviderRestClients;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.beans.BeanUtils;
import org.springframework.web.client.RestClient;

/**
 * The real {@link ProviderCalls} and {@link ProviderRestClients} for tests without a Spring context, with short
 * back-offs and a circuit breaker configuration of the test's choosing. Both are beans whose constructors are
 * the {@code cicd} package's own, so they are made the way the application context makes them.
 */
final class GitLabTestCalls {

    /** Three attempts, 20 ms apart and growing; Retry-After honoured up to 5 s. */
    static final ProviderCallProperties PROPERTIES = new ProviderCallProperties(Duration.ofSeconds(2),
            Duration.ofSeconds(5), 3, Duration.ofMillis(20), 2, Duration.ofMillis(100), Duration.ofSeconds(5));

    private GitLabTestCalls() {
    }

    /** Provider calls whose every instance's breaker starts from {@code breaker}. */
    static ProviderCalls calls(CircuitBreakerConfig breaker) {
        return instantiate(ProviderCalls.class, CircuitBreakerRegistry.of(Map.of("provider", breaker)),
                RetryRegistry.ofDefaults(), PROPERTIES);
    }

    static GitLabClients clients(CircuitBreakerConfig breaker) {
        return clients(calls(breaker));
    }

    static GitLabClients clients(ProviderCalls calls) {
        ProviderRestClients restClients = instantiate(ProviderRestClients.class, RestClient.builder(), PROPERTIES,
                Clock.systemUTC());
        return new GitLabClients(restClients, calls);
    }

    static GitLabClient client(CicdConnection connection, CircuitBreakerConfig breaker) {
        return clients(breaker).client(connection);
    }

    private static <T> T instantiate(Class<T> type, Object... arguments) {
        return type.cast(BeanUtils.instantiateClass(type.getDeclaredConstructors()[0], arguments));
    }
}
