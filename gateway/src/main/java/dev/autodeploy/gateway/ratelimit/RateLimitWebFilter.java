package dev.autodeploy.gateway.ratelimit;

import java.security.Principal;
import java.time.Duration;
import java.util.Optional;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import dev.autodeploy.gateway.problem.ProblemResponseWriter;

/**
 * Enforces {@link RateLimitRules} after the token check: counts the request in Redis under the
 * user's {@code sub} (or the client address) and answers 429 with {@code Retry-After} and a
 * {@code rate-limited} problem once the window's limit is used up. When Redis does not answer in
 * time the request passes uncounted (fail open) and {@link RedisOutageWarning} tells the log.
 */
@Component
class RateLimitWebFilter implements WebFilter, Ordered {

    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    /**
     * Right after Spring Security's filter chain (order -100, WebFluxSecurityConfiguration), so the
     * token is checked and preflights are answered before anything is counted.
     */
    static final int AFTER_SECURITY = -99;

    private final RateLimitRules rules;
    private final ClientAddressResolver addresses;
    private final RedisWindowCounter counter;
    private final RedisOutageWarning outage;
    private final RateLimitProperties properties;
    private final String keyPrefix;
    private final ProblemResponseWriter problems;

    RateLimitWebFilter(RateLimitRules rules, ClientAddressResolver addresses, RedisWindowCounter counter,
            RedisOutageWarning outage, RateLimitProperties properties, RedisKeyProperties keys,
            ProblemResponseWriter problems) {
        this.rules = rules;
        this.addresses = addresses;
        this.counter = counter;
        this.outage = outage;
        this.properties = properties;
        this.keyPrefix = keys.keyPrefix() + "gateway:ratelimit:";
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        Optional<RateLimitRules.Rule> matched = rules.ruleFor(exchange.getRequest());
        if (matched.isEmpty()) {
            return chain.filter(exchange);
        }
        RateLimitRules.Rule rule = matched.get();
        return countedAs(exchange, rule)
                .flatMap(who -> counter.increment(keyPrefix + rule.name() + ":" + who, rule.limit().window())
                        .timeout(properties.redisTimeout())
                        .doOnNext(window -> outage.answered())
                        .map(Optional::of)
                        .onErrorResume(error -> {
                            outage.failed(error);
                            return Mono.just(Optional.empty());
                        }))
                .flatMap(window -> window.isEmpty() ? chain.filter(exchange)
                        : enforce(exchange, chain, rule, window.get()));
    }

    private Mono<Void> enforce(ServerWebExchange exchange, WebFilterChain chain, RateLimitRules.Rule rule,
            RedisWindowCounter.Window window) {
        int limit = rule.limit().requests();
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set(LIMIT, Integer.toString(limit));
        headers.set(REMAINING, Long.toString(Math.max(0, limit - window.count())));
        if (window.count() <= limit) {
            return chain.filter(exchange);
        }
        long retryAfterSeconds = Math.max(1, (window.endsIn().toMillis() + 999) / 1000);
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests: at most " + limit + " per " + per(rule.limit().window())
                        + " here. Try again in " + retryAfterSeconds + " s.");
    }

    private static String per(Duration window) {
        long seconds = window.toSeconds();
        if (seconds % 3600 == 0) {
            return seconds == 3600 ? "hour" : seconds / 3600 + " hours";
        }
        if (seconds % 60 == 0) {
            return seconds == 60 ? "minute" : seconds / 60 + " minutes";
        }
        return seconds + " seconds";
    }

    /** {@code user:<sub>} for a request with a valid token, {@code ip:<address>} otherwise or for per-address rules. */
    private Mono<String> countedAs(ServerWebExchange exchange, RateLimitRules.Rule rule) {
        Mono<String> byAddress = Mono.fromSupplier(() -> "ip:" + addresses.clientAddress(exchange.getRequest()));
        if (!rule.perUser()) {
            return byAddress;
        }
        return exchange.getPrincipal()
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(Principal::getName)
                .map(subject -> "user:" + subject)
                .switchIfEmpty(byAddress);
    }

    @Override
    public int getOrder() {
        return AFTER_SECURITY;
    }
}
