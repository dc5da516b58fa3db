package dev.autodeploy.monitor.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code alerts} table. Runs in the caller's transaction. */
@Component
class Alerts {

    private static final String COLUMNS = """
            id, rule_id, organization_id, project_id, environment, deployment_id, type, status, summary, opened_at,
            acknowledged_at, acknowledged_by, resolved_at, resolved_by""";

    private final JdbcClient jdbc;

    Alerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens an alert of the rule in the environment; empty when one is open already (nothing is added). */
    Optional<Alert> open(AlertRule rule, String environment, UUID deploymentId, String summary, Instant now) {
        return jdbc.sql("""
                INSERT INTO alerts (id, rule_id, organization_id, project_id, environment, deployment_id, type, status,
                    summary, opened_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?)
                ON CONFLICT (rule_id, environment) WHERE status <> 'resolved' DO NOTHING
                RETURNING\s""" + COLUMNS)
                .params(UUID.randomUUID(), rule.id(), rule.organizationId(), rule.projectId(), environment, deploymentId,
                        rule.type().wire(), summary, Timestamp.from(now))
                .query(Alerts::row).optional();
    }

    Optional<Alert> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE id = ?").param(id).query(Alerts::row).optional();
    }

    Optional<Alert> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE id = ? FOR UPDATE").param(id).query(Alerts::row)
                .optional();
    }

    Alert acknowledge(UUID id, UUID userId, Instant now) {
        return jdbc.sql("UPDATE alerts SET status = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?"
                + " WHERE id = ? RETURNING " + COLUMNS)
                .params(Timestamp.from(now), userId, id).query(Alerts::row).single();
    }

    /** {@code userId} null: resolved automatically. */
    Alert resolve(UUID id, UUID userId, Instant now) {
        return jdbc.sql("UPDATE alerts SET status = 'resolved', resolved_at = ?, resolved_by = ? WHERE id = ? RETURNING "
                + COLUMNS).params(Timestamp.from(now), userId, id).query(Alerts::row).single();
    }

    /** The unresolved alerts of rules of a type, locked (skipping those another replica is changing). */
    List<Alert> unresolved(String type) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE type = ? AND status <> 'resolved'"
                + " FOR UPDATE SKIP LOCKED").param(type).query(Alerts::row).list();
    }

    long count(UUID organizationId, UUID projectId, String status) {
        return jdbc.sql("SELECT count(*) FROM alerts WHERE organization_id = ?"
                + " AND (CAST(? AS UUID) IS NULL OR project_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR status = ?)")
                .params(organizationId, projectId, projectId, status, status).query(Long.class).single();
    }

    List<Alert> list(UUID organizationId, UUID projectId, String status, long offset, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alerts WHERE organization_id = ?"
                + " AND (CAST(? AS UUID) IS NULL OR project_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR status = ?)"
                + " ORDER BY opened_at DESC, id OFFSET ? LIMIT ?")
                .params(organizationId, projectId, projectId, status, status, offset, limit).query(Alerts::row).list();
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static Alert row(ResultSet rows, int n) throws SQLException {
        return new Alert(rows.getObject("id", UUID.class), rows.getObject("rule_id", UUID.class),
                rows.getObject("organization_id", UUID.class), rows.getObject("project_id", UUID.class),
                rows.getString("environment"), rows.getObject("deployment_id", UUID.class), rows.getString("type"),
                rows.getString("status"), rows.getString("summary"), instant(rows, "opened_at"),
                instant(rows, "acknowledged_at"), rows.getObject("acknowledged_by", UUID.class),
                instant(rows, "resolved_at"), rows.getObject("resolved_by", UUID.class));
    }
}
