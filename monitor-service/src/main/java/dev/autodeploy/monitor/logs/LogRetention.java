package dev.autodeploy.monitor.logs;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes log lines older than {@code autodeploy.monitor.logs.retention}, in batches, on every replica (each
 * takes rows the others are not deleting). The deployments themselves are kept: metrics are computed from them.
 */
@Component
class LogRetention {

    private static final Logger log = LoggerFactory.getLogger(LogRetention.class);

    private final LogLineStore store;
    private final LogProperties properties;
    private final Clock clock;

    LogRetention(LogLineStore store, LogProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${autodeploy.monitor.logs.retention-interval:1h}",
            fixedDelayString = "${autodeploy.monitor.logs.retention-interval:1h}")
    void purge() {
        Instant cutoff = clock.instant().minus(properties.retention());
        long deleted = 0;
        int batch;
        do {
            batch = store.deleteOlderThan(cutoff, properties.retentionBatch());
            deleted += batch;
        } while (batch == properties.retentionBatch());
        if (deleted > 0) {
            log.info("Deleted {} log lines logged before {} (retention {})", deleted, cutoff, properties.retention());
        }
    }
}
