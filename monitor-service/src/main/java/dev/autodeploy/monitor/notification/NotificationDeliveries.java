package dev.autodeploy.monitor.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code notification_deliveries} table (one notification to one channel, until delivered or given up) and
 * {@code notification_delivery_attempts} (every attempt's result). Runs in the caller's transaction.
 */
@Component
class NotificationDeliveries {

    /** A claimed delivery: the notification (JSON) and how many attempts were made before. */
    record Due(UUID id, UUID channelId, String event, String payload, int attempts) {

        @Override
        public String toString() {
            return "Due[" + id + ", " + event + ", attempt " + (attempts + 1) + "]";
        }
    }

    /** A delivery as its log shows it. */
    record Delivery(UUID id, String event, UUID deploymentId, String state, int attempts, Integer lastStatusCode,
            String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {
    }

    /** One attempt of a delivery: {@code statusCode} null when no answer came, {@code error} null when delivered. */
    record Attempt(UUID deliveryId, int attempt, Instant at, Integer statusCode, String error) {
    }

    private static final int MAX_ERROR = 500;

    private final JdbcClient jdbc;

    NotificationDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds a delivery due now; a second one of the same source event and event to the same channel is not added.
     * Returns whether it was added.
     */
    boolean add(UUID id, UUID channelId, String event, UUID sourceEventId, UUID deploymentId, String payload,
            Instant now) {
        return jdbc.sql("""
                INSERT INTO notification_deliveries (id, channel_id, event, source_event_id, deployment_id, payload,
                    state, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)
                ON CONFLICT (channel_id, source_event_id, event) DO NOTHING""")
                .params(id, channelId, event, sourceEventId, deploymentId, payload, Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    /**
     * Claims up to {@code limit} due deliveries: they are not due again until {@code leaseUntil}, so another replica
     * does not send them meanwhile (rows being claimed elsewhere are skipped, not waited for).
     */
    List<Due> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE notification_deliveries SET next_attempt_at = ?
                WHERE id IN (SELECT id FROM notification_deliveries WHERE state = 'pending' AND next_attempt_at <= ?
                             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, channel_id, event, payload, attempts""")
                .params(Timestamp.from(leaseUntil), Timestamp.from(now), limit)
                .query((rows, n) -> new Due(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getString(3), rows.getString(4), rows.getInt(5)))
                .list();
    }

    void delivered(UUID id, int attempt, Integer statusCode, Instant now) {
        jdbc.sql("""
                UPDATE notification_deliveries SET state = 'delivered', attempts = ?, last_status_code = ?,
                    last_error = NULL, delivered_at = ?
                WHERE id = ?""")
                .params(attempt, statusCode, Timestamp.from(now), id).update();
        appendAttempt(id, attempt, now, statusCode, null);
    }

    /** A failed attempt: tried again at {@code nextAttempt}, or given up ({@code failed}) when that is null. */
    void failed(UUID id, int attempt, Integer statusCode, String error, Instant nextAttempt, Instant now) {
        String shortError = error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.sql("""
                UPDATE notification_deliveries SET attempts = ?, last_status_code = ?, last_error = ?,
                    state = CASE WHEN CAST(? AS TIMESTAMPTZ) IS NULL THEN 'failed' ELSE 'pending' END,
                    next_attempt_at = coalesce(CAST(? AS TIMESTAMPTZ), next_attempt_at)
                WHERE id = ?""")
                .params(attempt, statusCode, shortError, ts(nextAttempt), ts(nextAttempt), id).update();
        appendAttempt(id, attempt, now, statusCode, shortError);
    }

    long count(UUID channelId) {
        return jdbc.sql("SELECT count(*) FROM notification_deliveries WHERE channel_id = ?").param(channelId)
                .query(Long.class).single();
    }

    /** The channel's deliveries, newest first. */
    List<Delivery> page(UUID channelId, long offset, int limit) {
        return jdbc.sql("""
                SELECT id, event, deployment_id, state, attempts, last_status_code, last_error, next_attempt_at,
                       delivered_at, created_at
                FROM notification_deliveries WHERE channel_id = ? ORDER BY created_at DESC, id LIMIT ? OFFSET ?""")
                .params(channelId, limit, offset).query(NotificationDeliveries::delivery).list();
    }

    /** The attempts of the deliveries, by delivery, oldest first. */
    Map<UUID, List<Attempt>> attemptsOf(Collection<UUID> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                SELECT delivery_id, attempt, attempted_at, status_code, error FROM notification_delivery_attempts
                WHERE delivery_id = ANY (?) ORDER BY delivery_id, attempt""")
                .param(deliveryIds.toArray(UUID[]::new))
                .query((rows, n) -> new Attempt(rows.getObject(1, UUID.class), rows.getInt(2),
                        rows.getTimestamp(3).toInstant(), (Integer) rows.getObject(4), rows.getString(5)))
                .list().stream().collect(Collectors.groupingBy(Attempt::deliveryId));
    }

    private void appendAttempt(UUID id, int attempt, Instant at, Integer statusCode, String error) {
        jdbc.sql("""
                INSERT INTO notification_delivery_attempts (delivery_id, attempt, attempted_at, status_code, error)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (delivery_id, attempt) DO NOTHING""")
                .params(id, attempt, Timestamp.from(at), statusCode, error).update();
    }

    private static Delivery delivery(ResultSet rows, int n) throws SQLException {
        Timestamp delivered = rows.getTimestamp("delivered_at");
        return new Delivery(rows.getObject("id", UUID.class), rows.getString("event"),
                rows.getObject("deployment_id", UUID.class), rows.getString("state"), rows.getInt("attempts"),
                (Integer) rows.getObject("last_status_code"), rows.getString("last_error"),
                rows.getTimestamp("next_attempt_at").toInstant(), delivered == null ? null : delivered.toInstant(),
                rows.getTimestamp("created_at").toInstant());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
