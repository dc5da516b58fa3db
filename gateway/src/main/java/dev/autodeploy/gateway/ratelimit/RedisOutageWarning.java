package dev.autodeploy.gateway.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells the log that rate limits are off because Redis does not answer — once per interval, not
 * once per request — and that they are on again when it answers.
 */
@Component
class RedisOutageWarning {

    private static final Logger log = LoggerFactory.getLogger(RedisOutageWarning.class);

    private final Clock clock;
    private final Duration interval;
    /** When the last warning was logged; null while Redis answers. */
    private final AtomicReference<Instant> lastWarning = new AtomicReference<>();

    RedisOutageWarning(Clock clock, RateLimitProperties properties) {
        this.clock = clock;
        this.interval = properties.warningInterval();
    }

    void failed(Throwable error) {
        Instant now = clock.instant();
        Instant last = lastWarning.get();
        if ((last == null || !now.isBefore(last.plus(interval))) && lastWarning.compareAndSet(last, now)) {
            log.warn("Rate limits are not enforced: Redis did not answer ({}). Requests pass uncounted until it does;"
                    + " this warning repeats at most every {} s.", describe(error), interval.toSeconds());
        }
    }

    void answered() {
        if (lastWarning.get() != null && lastWarning.getAndSet(null) != null) {
            log.info("Redis answers again: rate limits are enforced.");
        }
    }

    private static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == error ? error.getClass().getSimpleName()
                : error.getClass().getSimpleName() + ": " + root.getClass().getSimpleName();
    }
}
