package dev.autodeploy.monitor.deployment;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.events.DeploymentStatusChanged;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code deployments} and {@code deployment_steps} projection. A status event creates the deployment on first
 * sight and moves it only forward in time: an event older than the one applied last changes nothing (the topic is
 * ordered per deployment, but a redelivery after a rebalance can bring an old one back).
 */
@Component
public class DeploymentRecords {

    private static final Set<String> RUNNING = Set.of("building", "deploying");
    private static final Set<String> FINISHED = Set.of("ready", "error", "cancelled");
    private static final String COLUMNS = """
            id, organization_id, project_id, environment_id, environment, action, parent_id, status, status_reason,
            target, url, commit_sha, commit_time, created_at, started_at, finished_at, status_changed_at""";

    private final JdbcClient jdbc;
    private final Clock clock;

    DeploymentRecords(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<DeploymentRecord> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE id = ?").param(id).query(DeploymentRecords::row)
                .optional();
    }

    /** The deployment's steps in the order they started (not yet started ones last, by name). */
    public List<StepRecord> steps(UUID deploymentId) {
        return jdbc.sql("""
                SELECT name, status, started_at, finished_at, changed_at FROM deployment_steps WHERE deployment_id = ?
                ORDER BY started_at NULLS LAST, changed_at, name""")
                .param(deploymentId)
                .query((rows, n) -> new StepRecord(rows.getString(1), rows.getString(2), instant(rows, 3),
                        instant(rows, 4), instant(rows, 5)))
                .list();
    }

    /** The deployment's status and step changes as they happened, oldest first. */
    public List<HistoryEntry> history(UUID deploymentId) {
        return jdbc.sql("""
                SELECT occurred_at, step, previous_status, status, reason FROM deployment_events
                WHERE deployment_id = ? ORDER BY occurred_at, step NULLS FIRST""")
                .param(deploymentId)
                .query((rows, n) -> new HistoryEntry(instant(rows, 1), rows.getString(2), rows.getString(3),
                        rows.getString(4), rows.getString(5)))
                .list();
    }

    /** One change: of the deployment ({@code step} null) or of one of its steps. */
    public record HistoryEntry(Instant at, String step, String from, String to, String reason) {
    }

    /** Deployments of a project (optionally one environment) created since {@code since}, oldest first. */
    public List<DeploymentRecord> ofProject(UUID projectId, String environment, Instant since) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployments WHERE project_id = ? AND (? IS NULL OR environment = ?)"
                + " AND coalesce(created_at, status_changed_at) >= ? ORDER BY coalesce(created_at, status_changed_at), id")
                .params(projectId, environment, environment, Timestamp.from(since)).query(DeploymentRecords::row).list();
    }

    /**
     * Applies the event; runs in the caller's transaction. Returns the deployment as it is afterwards, or empty
     * when the event was older than what is known (nothing changed).
     */
    Optional<DeploymentRecord> apply(DeploymentStatusChanged event) {
        Instant now = clock.instant();
        Timestamp at = Timestamp.from(event.occurredAt());
        // The history keeps every change, also one that arrives after a newer one (it happened all the same).
        jdbc.sql("""
                INSERT INTO deployment_events (event_id, deployment_id, organization_id, occurred_at, step,
                    previous_status, status, reason, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""")
                .params(event.eventId(), event.deploymentId(), event.organizationId(), at, event.step(),
                        event.previousStatus(), event.status(), event.reason(), Timestamp.from(now))
                .update();
        boolean forDeployment = event.step() == null;
        String status = forDeployment ? event.status() : null;
        jdbc.sql("""
                INSERT INTO deployments (id, organization_id, project_id, environment_id, environment, action, parent_id,
                    status, status_reason, target, url, commit_sha, commit_time, created_at, status_changed_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, 'queued'), ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""")
                .params(event.deploymentId(), event.organizationId(), event.projectId(), event.environmentId(),
                        event.environment(), event.action(), event.parentId(), status, event.reason(), event.target(),
                        event.url(), event.commitSha(), timestamp(event.commitTime()), timestamp(event.createdAt()),
                        Timestamp.from(Instant.EPOCH), Timestamp.from(now))
                .update();
        // What every event says about the deployment as it is (commit, URL once known): always the newest known.
        jdbc.sql("""
                UPDATE deployments SET environment_id = coalesce(?, environment_id), environment = coalesce(?, environment),
                    action = coalesce(?, action), parent_id = coalesce(?, parent_id), target = coalesce(?, target),
                    url = coalesce(?, url), commit_sha = coalesce(?, commit_sha), commit_time = coalesce(?, commit_time),
                    created_at = coalesce(created_at, ?), updated_at = ?
                WHERE id = ?""")
                .params(event.environmentId(), event.environment(), event.action(), event.parentId(), event.target(),
                        event.url(), event.commitSha(), timestamp(event.commitTime()), timestamp(event.createdAt()),
                        Timestamp.from(now), event.deploymentId())
                .update();
        int changed;
        if (forDeployment) {
            changed = jdbc.sql("""
                    UPDATE deployments SET status = ?, status_reason = ?, status_changed_at = ?,
                        started_at = CASE WHEN started_at IS NULL AND ? THEN ? ELSE started_at END,
                        finished_at = CASE WHEN ? THEN ? ELSE finished_at END
                    WHERE id = ? AND status_changed_at <= ?""")
                    .params(event.status(), event.reason(), at, RUNNING.contains(event.status()), at,
                            FINISHED.contains(event.status()), at, event.deploymentId(), at)
                    .update();
        }
        else {
            boolean ended = Set.of("completed", "failed", "skipped", "cancelled").contains(event.status());
            changed = jdbc.sql("""
                    INSERT INTO deployment_steps (deployment_id, name, status, started_at, finished_at, changed_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (deployment_id, name) DO UPDATE SET status = EXCLUDED.status,
                        started_at = CASE WHEN EXCLUDED.status = 'running' THEN EXCLUDED.started_at
                                          WHEN EXCLUDED.status = 'pending' THEN NULL ELSE deployment_steps.started_at END,
                        finished_at = EXCLUDED.finished_at, changed_at = EXCLUDED.changed_at
                    WHERE deployment_steps.changed_at <= EXCLUDED.changed_at""")
                    .params(event.deploymentId(), event.step(), event.status(),
                            "running".equals(event.status()) ? at : null, ended ? at : null, at)
                    .update();
        }
        return changed == 1 ? find(event.deploymentId()) : Optional.empty();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static DeploymentRecord row(ResultSet rows, int n) throws SQLException {
        return new DeploymentRecord(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                rows.getObject(3, UUID.class), rows.getObject(4, UUID.class), rows.getString(5), rows.getString(6),
                rows.getObject(7, UUID.class), rows.getString(8), rows.getString(9), rows.getString(10),
                rows.getString(11), rows.getString(12), instant(rows, 13), instant(rows, 14), instant(rows, 15),
                instant(rows, 16), instant(rows, 17));
    }
}
