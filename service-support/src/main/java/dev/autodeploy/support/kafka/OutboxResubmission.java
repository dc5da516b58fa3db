package dev.autodeploy.support.kafka;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.modulith.events.IncompleteEventPublications;

/**
 * Resends what the outbox still holds after a while — events whose send failed because Kafka was down or slow —
 * instead of only at the next restart. Spring Modulith keeps the publications and can resubmit them; scheduling
 * that is left to the application. A resent event may arrive twice (its first send may have got through late):
 * consumers drop duplicates by event id.
 */
class OutboxResubmission implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxResubmission.class);

    private final ObjectProvider<IncompleteEventPublications> publications;
    private final Duration interval;
    private final Duration olderThan;
    private ScheduledExecutorService scheduler;

    OutboxResubmission(ObjectProvider<IncompleteEventPublications> publications, Duration interval, Duration olderThan) {
        this.publications = publications;
        this.interval = interval;
        this.olderThan = olderThan;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("outbox-resubmission")
                .daemon(true).factory());
        scheduler.scheduleWithFixedDelay(this::resubmit, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void resubmit() {
        try {
            publications.ifAvailable(outbox -> outbox.resubmitIncompletePublicationsOlderThan(olderThan));
        }
        catch (RuntimeException ex) {
            log.warn("Resending outstanding events failed; trying again in {}", interval, ex);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
