package dev.autodeploy.monitor.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code alert_rules} table. Runs in the caller's transaction. */
@Component
class AlertRules {

    private static final String COLUMNS = """
            id, organization_id, project_id, environment, type, minutes, threshold, window_seconds, webhook_url,
            webhook_secret, webhook_format, enabled, created_by, created_at, updated_at""";

    private final JdbcClient jdbc;

    AlertRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<AlertRule> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE id = ?").param(id).query(AlertRules::row)
                .optional();
    }

    /** The enabled rules of a type for a project (the caller still checks organization and environment). */
    List<AlertRule> enabled(AlertRuleType type, UUID projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE type = ? AND project_id = ? AND enabled")
                .params(type.wire(), projectId).query(AlertRules::row).list();
    }

    List<AlertRule> enabled(AlertRuleType type) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE type = ? AND enabled").param(type.wire())
                .query(AlertRules::row).list();
    }

    List<AlertRule> of(UUID organizationId, UUID projectId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM alert_rules WHERE organization_id = ?"
                + " AND (CAST(? AS UUID) IS NULL OR project_id = ?) ORDER BY created_at, id")
                .params(organizationId, projectId, projectId).query(AlertRules::row).list();
    }

    void insert(AlertRule rule) {
        jdbc.sql("INSERT INTO alert_rules (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values(rule)).update();
    }

    void update(AlertRule rule) {
        jdbc.sql("""
                UPDATE alert_rules SET environment = ?, minutes = ?, threshold = ?, window_seconds = ?, webhook_url = ?,
                    webhook_secret = ?, webhook_format = ?, enabled = ?, updated_at = ?
                WHERE id = ?""")
                .params(rule.environment(), rule.minutes(), rule.threshold(), seconds(rule.window()), rule.webhookUrl(),
                        rule.webhookSecret(), rule.webhookFormat(), rule.enabled(), Timestamp.from(rule.updatedAt()),
                        rule.id())
                .update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM alert_rules WHERE id = ?").param(id).update();
    }

    /** The organizations the monitor has seen the project's deployments under (one, normally; none if unseen). */
    List<UUID> organizationsOfProject(UUID projectId) {
        return jdbc.sql("SELECT DISTINCT organization_id FROM deployments WHERE project_id = ?").param(projectId)
                .query(UUID.class).list();
    }

    private static Object[] values(AlertRule rule) {
        return new Object[] { rule.id(), rule.organizationId(), rule.projectId(), rule.environment(), rule.type().wire(),
            rule.minutes(), rule.threshold(), seconds(rule.window()), rule.webhookUrl(), rule.webhookSecret(),
            rule.webhookFormat(), rule.enabled(), rule.createdBy(), Timestamp.from(rule.createdAt()),
            Timestamp.from(rule.updatedAt()) };
    }

    private static Long seconds(Duration window) {
        return window == null ? null : window.toSeconds();
    }

    private static AlertRule row(ResultSet rows, int n) throws SQLException {
        Long window = (Long) rows.getObject("window_seconds");
        return new AlertRule(rows.getObject("id", UUID.class), rows.getObject("organization_id", UUID.class),
                rows.getObject("project_id", UUID.class), rows.getString("environment"),
                AlertRuleType.fromWire(rows.getString("type")).orElseThrow(), (Integer) rows.getObject("minutes"),
                (Integer) rows.getObject("threshold"), window == null ? null : Duration.ofSeconds(window),
                rows.getString("webhook_url"), rows.getString("webhook_secret"), rows.getString("webhook_format"),
                rows.getBoolean("enabled"), rows.getObject("created_by", UUID.class),
                rows.getTimestamp("created_at").toInstant(), rows.getTimestamp("updated_at").toInstant());
    }
}
