package dev.autodeploy.gateway.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits at the gateway (seed 001), each counted in Redis over a fixed window.
 *
 * @param auth {@code /api/v1/auth/**}, per client address (default 10 a minute)
 * @param deployments creating deployments and deployment actions, per user (default 30 an hour)
 * @param analyze {@code POST /api/v1/repositories/{id}/analyze}, per user (default 60 an hour)
 * @param api every other {@code /api/v1/**} request, per user or, anonymous, per address (default 1000 an hour)
 * @param behindTrustedProxy whether the client address is taken from {@code X-Forwarded-For} (the hop our proxy
 *        added) instead of the connection; only true when a proxy we run sits in front and sets that header
 * @param redisTimeout how long a count may take before the request passes uncounted
 * @param warningInterval how often at most to log that limits are off because Redis does not answer
 */
@ConfigurationProperties("autodeploy.rate-limit")
public record RateLimitProperties(
        Limit auth,
        Limit deployments,
        Limit analyze,
        Limit api,
        @DefaultValue("false") boolean behindTrustedProxy,
        @DefaultValue("500ms") Duration redisTimeout,
        @DefaultValue("1m") Duration warningInterval) {

    public RateLimitProperties {
        auth = auth != null ? auth : new Limit(10, Duration.ofMinutes(1));
        deployments = deployments != null ? deployments : new Limit(30, Duration.ofHours(1));
        analyze = analyze != null ? analyze : new Limit(60, Duration.ofHours(1));
        api = api != null ? api : new Limit(1000, Duration.ofHours(1));
    }

    /**
     * At most {@code requests} within {@code window}, counted from the first request of the window.
     */
    public record Limit(int requests, Duration window) {

        public Limit {
            if (requests < 1 || window == null || window.toMillis() < 1000) {
                throw new IllegalArgumentException("a rate limit needs requests >= 1 and a window of at least 1s");
            }
        }
    }
}
