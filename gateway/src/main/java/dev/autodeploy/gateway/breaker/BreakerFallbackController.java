package dev.autodeploy.gateway.breaker;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.autodeploy.gateway.problem.ProblemResponseWriter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

/**
 * Where a route's {@code CircuitBreaker} filter forwards when the call failed or was not made
 * (config-repo/gateway.yml, {@code fallbackUri: forward:/api/v1/gateway/fallback/<service>}): the service did not
 * answer within its time limit → 504 {@code timeout}; it refused the connection or its breaker is open → 503
 * {@code unavailable} (as the gateway's other outage answers) with {@code Retry-After} = the breaker's wait in the
 * open state. A service's own answers, 5xx included, pass through unchanged and do not count against it.
 * The problem's {@code instance} is the path the client asked for. Nothing is retried.
 */
@RestController
class BreakerFallbackController {

    private final ProblemResponseWriter problems;
    private final CircuitBreakerRegistry breakers;

    BreakerFallbackController(ProblemResponseWriter problems, ReactiveResilience4JCircuitBreakerFactory factory) {
        this.problems = problems;
        this.breakers = factory.getCircuitBreakerRegistry();
    }

    @RequestMapping("/api/v1/gateway/fallback/{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        String instance = requestedPath(exchange);
        if (failure instanceof TimeoutException) {
            return problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, "timeout",
                    "The " + service + " service did not answer in time.", instance);
        }
        Duration wait = Duration.ofMillis(
                breakers.circuitBreaker(service).getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, wait.toSeconds())));
        String detail = failure instanceof CallNotPermittedException
                ? "The " + service + " service failed repeatedly; calls to it are paused. Try again after Retry-After seconds."
                : "The " + service + " service is not answering properly right now. Try again shortly.";
        return problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, "unavailable", detail, instance);
    }

    private static String requestedPath(ServerWebExchange exchange) {
        Set<URI> urls = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        return urls == null || urls.isEmpty() ? exchange.getRequest().getPath().value() : urls.iterator().next().getPath();
    }
}
