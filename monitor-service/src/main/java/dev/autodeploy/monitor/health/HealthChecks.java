package dev.autodeploy.monitor.health;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.monitor.deployment.DeploymentRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code health_checks} and {@code health_check_results} tables. Every method runs in the caller's transaction. */
@Component
class HealthChecks {

    private static final String COLUMNS = """
            deployment_id, organization_id, project_id, environment_id, environment, url, live_since, active,
            stopped_reason, state, consecutive_failures, state_changed_at, unhealthy_since, last_checked_at,
            last_status_code, last_error""";

    private final JdbcClient jdbc;

    HealthChecks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Serializes changes to which deployment of an environment is live, across replicas (until commit). */
    void lockEnvironment(UUID projectId, String environment) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))").param("health:" + projectId + ":" + environment)
                .query().singleRow();
    }

    Optional<HealthCheck> find(UUID deploymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM health_checks WHERE deployment_id = ?").param(deploymentId)
                .query(HealthChecks::row).optional();
    }

    /**
     * The check, locked until commit; empty also while another transaction holds it (a replica claiming it, a
     * supersede in progress): the caller does not wait for it.
     */
    Optional<HealthCheck> lockUnlessHeld(UUID deploymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM health_checks WHERE deployment_id = ? FOR UPDATE SKIP LOCKED")
                .param(deploymentId).query(HealthChecks::row).optional();
    }

    /** Whether the environment has a deployment that became live after {@code liveSince}. */
    boolean newerLive(UUID projectId, String environment, UUID deploymentId, Instant liveSince) {
        return jdbc.sql("""
                SELECT count(*) FROM health_checks WHERE project_id = ? AND environment = ? AND deployment_id <> ?
                    AND live_since > ? AND (active OR stopped_reason = 'superseded')""")
                .params(projectId, environment, deploymentId, Timestamp.from(liveSince)).query(Long.class).single() > 0;
    }

    /** True when the check is new (a redelivered deployment event finds it there). */
    boolean insert(DeploymentRecord deployment, Instant liveSince, boolean active, Instant now) {
        return jdbc.sql("""
                INSERT INTO health_checks (deployment_id, organization_id, project_id, environment_id, environment, url,
                    live_since, active, stopped_reason, state, consecutive_failures, state_changed_at, next_check_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'unknown', 0, ?, ?)
                ON CONFLICT (deployment_id) DO NOTHING""")
                .params(deployment.id(), deployment.organizationId(), deployment.projectId(),
                        deployment.environmentId(), deployment.environment(), deployment.url(),
                        Timestamp.from(liveSince), active, active ? null : "superseded", Timestamp.from(now),
                        Timestamp.from(now))
                .update() == 1;
    }

    /** Stops probing the other live deployments of the environment that became live before {@code liveSince}. */
    List<UUID> supersedeOlder(UUID projectId, String environment, UUID deploymentId, Instant liveSince) {
        return jdbc.sql("""
                UPDATE health_checks SET active = false, stopped_reason = 'superseded'
                WHERE project_id = ? AND environment = ? AND deployment_id <> ? AND active AND live_since <= ?
                RETURNING deployment_id""")
                .params(projectId, environment, deploymentId, Timestamp.from(liveSince)).query(UUID.class).list();
    }

    boolean stop(UUID deploymentId, String reason) {
        return jdbc.sql("UPDATE health_checks SET active = false, stopped_reason = ? WHERE deployment_id = ? AND active")
                .params(reason, deploymentId).update() == 1;
    }

    /**
     * Claims up to {@code limit} due checks for this replica's round: their next check moves to {@code next}, so
     * no other replica takes them meanwhile; rows another replica is claiming right now are skipped, not waited for.
     */
    List<HealthCheck> claimDue(Instant now, Instant next, int limit) {
        return jdbc.sql("""
                UPDATE health_checks SET next_check_at = ?
                WHERE deployment_id IN (SELECT deployment_id FROM health_checks WHERE active AND next_check_at <= ?
                                        ORDER BY next_check_at LIMIT ? FOR UPDATE SKIP LOCKED)
                RETURNING\s""" + COLUMNS)
                .params(Timestamp.from(next), Timestamp.from(now), limit).query(HealthChecks::row).list();
    }

    void recordResult(UUID deploymentId, HttpProbe.Result result, int keep) {
        jdbc.sql("""
                INSERT INTO health_check_results (deployment_id, checked_at, healthy, status_code, latency_ms, error)
                VALUES (?, ?, ?, ?, ?, ?)""")
                .params(deploymentId, Timestamp.from(result.checkedAt()), result.healthy(), result.statusCode(),
                        (int) Math.min(Integer.MAX_VALUE, result.latencyMs()), result.error())
                .update();
        jdbc.sql("""
                DELETE FROM health_check_results WHERE deployment_id = ? AND id <= (
                    SELECT id FROM health_check_results WHERE deployment_id = ? ORDER BY id DESC OFFSET ? LIMIT 1)""")
                .params(deploymentId, deploymentId, keep).update();
    }

    void update(UUID deploymentId, HealthState state, int failures, boolean stateChanged, HttpProbe.Result result) {
        Timestamp at = Timestamp.from(result.checkedAt());
        jdbc.sql("""
                UPDATE health_checks SET state = ?, consecutive_failures = ?,
                    state_changed_at = CASE WHEN ? THEN ? ELSE state_changed_at END,
                    unhealthy_since = CASE WHEN ? = 'unhealthy' THEN coalesce(unhealthy_since, ?) ELSE NULL END,
                    last_checked_at = ?, last_status_code = ?, last_error = ?
                WHERE deployment_id = ?""")
                .params(state.wire(), failures, stateChanged, at, state.wire(), at, at, result.statusCode(),
                        result.error(), deploymentId)
                .update();
    }

    /** The live (probed) deployments of a project, optionally of one environment. */
    List<HealthCheck> live(UUID projectId, String environment) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM health_checks WHERE project_id = ? AND active"
                + " AND (CAST(? AS VARCHAR) IS NULL OR environment = ?) ORDER BY environment")
                .params(projectId, environment, environment).query(HealthChecks::row).list();
    }

    long countResults(UUID deploymentId) {
        return jdbc.sql("SELECT count(*) FROM health_check_results WHERE deployment_id = ?").param(deploymentId)
                .query(Long.class).single();
    }

    List<HttpProbe.Result> results(UUID deploymentId, long offset, int limit) {
        return jdbc.sql("""
                SELECT checked_at, healthy, status_code, latency_ms, error FROM health_check_results
                WHERE deployment_id = ? ORDER BY id DESC OFFSET ? LIMIT ?""")
                .params(deploymentId, offset, limit)
                .query((rows, n) -> new HttpProbe.Result(rows.getTimestamp(1).toInstant(), rows.getBoolean(2),
                        (Integer) rows.getObject(3), rows.getInt(4), rows.getString(5)))
                .list();
    }

    private static Instant instant(ResultSet rows, String column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static HealthCheck row(ResultSet rows, int n) throws SQLException {
        return new HealthCheck(rows.getObject("deployment_id", UUID.class), rows.getObject("organization_id", UUID.class),
                rows.getObject("project_id", UUID.class), rows.getObject("environment_id", UUID.class),
                rows.getString("environment"), rows.getString("url"), instant(rows, "live_since"),
                rows.getBoolean("active"), rows.getString("stopped_reason"),
                HealthState.fromWire(rows.getString("state")), rows.getInt("consecutive_failures"),
                instant(rows, "state_changed_at"), instant(rows, "unhealthy_since"), instant(rows, "last_checked_at"),
                (Integer) rows.getObject("last_status_code"), rows.getString("last_error"));
    }
}
