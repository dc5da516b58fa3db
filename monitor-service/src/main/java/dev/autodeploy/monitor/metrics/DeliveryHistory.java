package dev.autodeploy.monitor.metrics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Reads what the metrics are computed from out of the {@code deployments} / {@code deployment_steps} projection,
 * as it was known at a window's end: nothing created at or after it, and a run that finished after it still running.
 */
@Component
class DeliveryHistory {

    private final JdbcClient jdbc;

    DeliveryHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The organizations a project's deployments belong to (one, unless the events disagree). */
    List<UUID> organizationsOf(UUID projectId) {
        return jdbc.sql("SELECT DISTINCT organization_id FROM deployments WHERE project_id = ?").param(projectId)
                .query(UUID.class).list();
    }

    /**
     * Every deployment of the project (or of its one {@code environment}) created before {@code to}, per environment
     * in creation order. The whole history, not just the window: the run live when the window opens and the
     * incident open then are part of the figures.
     */
    Map<String, List<DeliveryRun>> byEnvironment(UUID projectId, String environment, Instant to) {
        Timestamp end = Timestamp.from(to);
        List<DeliveryRun> runs = jdbc.sql("""
                SELECT id, environment, action,
                       CASE WHEN finished_at >= ? THEN 'running' ELSE status END,
                       target, commit_time, coalesce(created_at, started_at, status_changed_at), started_at,
                       CASE WHEN finished_at >= ? THEN NULL ELSE finished_at END
                FROM deployments
                WHERE project_id = ? AND environment IS NOT NULL AND (CAST(? AS VARCHAR) IS NULL OR environment = ?)
                  AND coalesce(created_at, started_at, status_changed_at) < ?
                ORDER BY environment, coalesce(created_at, started_at, status_changed_at), id""")
                .params(end, end, projectId, environment, environment, end)
                .query(DeliveryHistory::run).list();
        return runs.stream().collect(Collectors.groupingBy(DeliveryRun::environment, LinkedHashMap::new,
                Collectors.toList()));
    }

    /** Run times in seconds of the steps that completed in the window, by step name. */
    Map<String, List<Double>> completedSteps(UUID projectId, String environment, MetricsWindow window) {
        Map<String, List<Double>> byStep = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT s.name, EXTRACT(EPOCH FROM (s.finished_at - s.started_at))
                FROM deployment_steps s JOIN deployments d ON d.id = s.deployment_id
                WHERE d.project_id = ? AND (CAST(? AS VARCHAR) IS NULL OR d.environment = ?) AND s.status = 'completed'
                  AND s.started_at IS NOT NULL AND s.finished_at >= ? AND s.finished_at < ?
                ORDER BY s.name""")
                .params(projectId, environment, environment, Timestamp.from(window.from()),
                        Timestamp.from(window.to()))
                .query((rows, n) -> Map.entry(rows.getString(1), rows.getDouble(2))).list()
                .forEach(entry -> byStep.computeIfAbsent(entry.getKey(), name -> new ArrayList<>())
                        .add(entry.getValue()));
        return byStep;
    }

    /**
     * The project/environment pairs with a deployment finished since {@code since}, the most recently deployed
     * first, at most {@code limit}.
     */
    List<Map.Entry<UUID, String>> activeEnvironments(Instant since, int limit) {
        return jdbc.sql("""
                SELECT project_id, environment FROM deployments
                WHERE finished_at >= ? AND environment IS NOT NULL
                GROUP BY project_id, environment ORDER BY max(finished_at) DESC, project_id, environment LIMIT ?""")
                .params(Timestamp.from(since), limit)
                .query((rows, n) -> Map.entry(rows.getObject(1, UUID.class), rows.getString(2))).list();
    }

    private static DeliveryRun run(ResultSet rows, int n) throws SQLException {
        return new DeliveryRun(rows.getObject(1, UUID.class), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getString(5), instant(rows, 6), instant(rows, 7), instant(rows, 8),
                instant(rows, 9));
    }

    private static Instant instant(ResultSet rows, int column) throws SQLException {
        Timestamp value = rows.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
