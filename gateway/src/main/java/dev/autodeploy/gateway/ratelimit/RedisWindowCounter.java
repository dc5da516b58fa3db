package dev.autodeploy.gateway.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts requests in fixed windows in Redis, atomically in one round trip: the first request of a
 * window creates the counter with the window as its expiry, later ones only increment it.
 */
@Component
class RedisWindowCounter {

    /** The count after this request, and how long until the window (and so the count) ends. */
    record Window(long count, Duration endsIn) {
    }

    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> INCREMENT = RedisScript.of("""
            local count = redis.call('INCR', KEYS[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 then
              redis.call('PEXPIRE', KEYS[1], ARGV[1])
              ttl = tonumber(ARGV[1])
            end
            return {count, ttl}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;

    RedisWindowCounter(ReactiveStringRedisTemplate redis) {
        this.redis = redis;
    }

    Mono<Window> increment(String key, Duration window) {
        return redis.execute(INCREMENT, List.of(key), List.of(Long.toString(window.toMillis())))
                .next()
                .map(RedisWindowCounter::toWindow);
    }

    @SuppressWarnings("rawtypes")
    private static Window toWindow(List countAndTtl) {
        return new Window(((Number) countAndTtl.get(0)).longValue(),
                Duration.ofMillis(((Number) countAndTtl.get(1)).longValue()));
    }
}
