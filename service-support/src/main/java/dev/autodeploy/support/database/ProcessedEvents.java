package dev.autodeploy.support.database;

import java.time.Clock;
import java.sql.Timestamp;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Remembers which events a consumer has handled, so a redelivered event is recognised and
 * dropped. Call {@link #firstDelivery} inside the transaction that applies the event: if that
 * transaction rolls back, the event counts as unhandled again.
 *
 * <p>Backed by the {@code processed_event} table every service's first migration creates.
 */
public class ProcessedEvents {

    private final JdbcClient jdbc;
    private final Clock clock;

    public ProcessedEvents(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records the delivery; true the first time {@code consumer} sees {@code eventId}, false after. */
    public boolean firstDelivery(String consumer, UUID eventId) {
        return jdbc.sql("""
                INSERT INTO processed_event (consumer, event_id, processed_at) VALUES (?, ?, ?)
                ON CONFLICT (consumer, event_id) DO NOTHING""")
                .params(consumer, eventId, Timestamp.from(clock.instant()))
                .update() == 1;
    }
}
