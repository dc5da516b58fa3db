package dev.autodeploy.monitor.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code alert_deliveries} table: webhook notifications until they are delivered or given up. */
@Component
class WebhookDeliveries {

    /** A claimed delivery; {@code webhookSecret} is the TokenVault ciphertext. */
    record Due(UUID id, UUID alertId, UUID ruleId, String event, String webhookUrl, String webhookSecret, String body,
            int attempts) {

        @Override
        public String toString() {
            return "Due[" + id + ", " + event + ", attempt " + (attempts + 1) + "]";
        }
    }

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a delivery of {@code body} to the rule's webhook, due now; in the transaction of the alert's change. */
    void add(Alert alert, AlertRule rule, String event, String body, Instant now) {
        jdbc.sql("""
                INSERT INTO alert_deliveries (id, alert_id, rule_id, event, webhook_url, webhook_secret, body, state,
                    attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)""")
                .params(UUID.randomUUID(), alert.id(), rule.id(), event, rule.webhookUrl(), rule.webhookSecret(), body,
                        Timestamp.from(now), Timestamp.from(now))
                .update();
    }

    /**
     * Claims up to {@code limit} due deliveries: they are not due again until {@code leaseUntil}, so another
     * replica does not send them meanwhile (rows being claimed elsewhere are skipped, not waited for).
     */
    List<Due> claimDue(Instant now, Instant leaseUntil, int limit) {
        return jdbc.sql("""
                UPDATE alert_deliveries SET next_attempt_at = ?
                WHERE id IN (SELECT id FROM alert_deliveries WHERE state = 'pending' AND next_attempt_at <= ?
                             ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING id, alert_id, rule_id, event, webhook_url, webhook_secret, body, attempts""")
                .params(Timestamp.from(leaseUntil), Timestamp.from(now), limit)
                .query((rows, n) -> new Due(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getObject(3, UUID.class), rows.getString(4), rows.getString(5), rows.getString(6),
                        rows.getString(7), rows.getInt(8)))
                .list();
    }

    void delivered(UUID id, int statusCode, Instant now) {
        jdbc.sql("""
                UPDATE alert_deliveries SET state = 'delivered', attempts = attempts + 1, last_status_code = ?,
                    last_error = NULL, delivered_at = ?
                WHERE id = ?""")
                .params(statusCode, Timestamp.from(now), id).update();
    }

    /** A failed attempt: tried again at {@code nextAttempt}, or given up ({@code failed}) when that is null. */
    void failed(UUID id, Integer statusCode, String error, Instant nextAttempt) {
        jdbc.sql("""
                UPDATE alert_deliveries SET attempts = attempts + 1, last_status_code = ?, last_error = ?,
                    state = CASE WHEN CAST(? AS TIMESTAMPTZ) IS NULL THEN 'failed' ELSE 'pending' END,
                    next_attempt_at = coalesce(CAST(? AS TIMESTAMPTZ), next_attempt_at)
                WHERE id = ?""")
                .params(statusCode, error, ts(nextAttempt), ts(nextAttempt), id).update();
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
