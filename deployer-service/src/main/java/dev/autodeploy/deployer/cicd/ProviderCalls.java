package dev.autodeploy.deployer.cicd;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;

/**
 * Every call to a provider goes through here: a Resilience4j retry (exponential back-off, or as long as the
 * provider's {@code Retry-After} says) around a circuit breaker of the provider instance, both named
 * {@code provider-<instance>} so their metrics say which Jenkins or cluster is in trouble. Only failures that say
 * something about the provider's health count for the breaker (no response, 5xx, rate limits); a 404 or a
 * refused credential is the caller's problem and goes straight back.
 */
@Component
public class ProviderCalls {

    /** The Resilience4j circuit breaker configuration every provider instance's breaker starts from. */
    static final String BREAKER_CONFIGURATION = "provider";

    private final CircuitBreakerRegistry breakers;
    private final RetryRegistry retries;
    private final CircuitBreakerConfig breakerConfig;
    private final RetryConfig retryConfig;

    ProviderCalls(CircuitBreakerRegistry breakers, RetryRegistry retries, ProviderCallProperties properties) {
        this.breakers = breakers;
        this.retries = retries;
        Predicate<Throwable> unhealthy = failure -> failure instanceof ProviderCallException call
                && !(call instanceof ProviderUnavailable) && call.retryable();
        this.breakerConfig = CircuitBreakerConfig.from(breakers.getConfiguration(BREAKER_CONFIGURATION)
                .orElse(breakers.getDefaultConfig())).recordException(unhealthy).build();
        long maxRetryAfter = properties.maxRetryAfter().toMillis();
        this.retryConfig = RetryConfig.custom().maxAttempts(properties.maxAttempts())
                .retryOnException(failure -> unhealthy.test(failure)
                        && ((ProviderCallException) failure).retryAfter().map(Duration::toMillis)
                                .orElse(0L) <= maxRetryAfter)
                .intervalBiFunction(interval(properties)).build();
    }

    /**
     * Runs {@code call} against the provider instance {@code instance} (a registered provider's id, a cluster's
     * name). Throws {@link ProviderCallException} when it still fails after the retries, {@link ProviderUnavailable}
     * while the instance's breaker is open.
     */
    public <T> T call(String instance, Supplier<T> call) {
        String name = "provider-" + instance;
        CircuitBreaker breaker = breakers.circuitBreaker(name, breakerConfig);
        Retry retry = retries.retry(name, retryConfig);
        Supplier<T> guarded = CircuitBreaker.decorateSupplier(breaker, () -> {
            try {
                return call.get();
            }
            catch (ResourceAccessException unreachable) {
                throw ProviderCallException.unreachable(instance, unreachable);
            }
        });
        try {
            return Retry.decorateSupplier(retry, guarded).get();
        }
        catch (CallNotPermittedException open) {
            throw new ProviderUnavailable(instance, instance);
        }
    }

    /** Runs a call that returns nothing. */
    public void run(String instance, Runnable call) {
        call(instance, () -> {
            call.run();
            return null;
        });
    }

    /** The state of an instance's breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...). */
    public CircuitBreaker.State state(String instance) {
        return breakers.circuitBreaker("provider-" + instance, breakerConfig).getState();
    }

    private static IntervalBiFunction<Object> interval(ProviderCallProperties properties) {
        return (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof ProviderCallException call
                    && call.retryAfter().isPresent()) {
                return call.retryAfter().get().toMillis();
            }
            double wait = properties.backoffInitial().toMillis()
                    * Math.pow(properties.backoffMultiplier(), Math.max(0, attempt - 1));
            return (long) Math.min(wait, properties.backoffMax().toMillis());
        };
    }
}
