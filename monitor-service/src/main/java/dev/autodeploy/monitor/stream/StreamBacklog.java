package dev.autodeploy.monitor.stream;

import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.monitor.logs.LogLine;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What a stream reads from the database: stored lines after a cursor, a deployment's step progress. */
@Component
class StreamBacklog {

    private final JdbcClient jdbc;

    StreamBacklog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LogLine> after(UUID deploymentId, long afterSequence, int limit) {
        return jdbc.sql("""
                SELECT deployment_id, organization_id, sequence, logged_at, level, source, step, message
                FROM deployment_logs WHERE deployment_id = ? AND sequence > ? ORDER BY sequence LIMIT ?""")
                .params(deploymentId, afterSequence, limit)
                .query((rows, n) -> new LogLine(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                        rows.getLong(3), rows.getTimestamp(4).toInstant(), rows.getString(5), rows.getString(6),
                        rows.getString(7), rows.getString(8)))
                .list();
    }

    /** The running step (null when none) and the percentage of known steps that are over; null when none are known. */
    StepProgress progress(UUID deploymentId) {
        List<Map<String, Object>> steps = jdbc.sql("""
                SELECT name, status, changed_at FROM deployment_steps WHERE deployment_id = ? ORDER BY changed_at""")
                .param(deploymentId).query().listOfRows();
        if (steps.isEmpty()) {
            return new StepProgress(null, null);
        }
        long over = steps.stream().filter(step -> FINISHED.contains((String) step.get("status"))).count();
        String running = steps.stream().filter(step -> "running".equals(step.get("status")))
                .max((a, b) -> ((Timestamp) a.get("changed_at")).compareTo((Timestamp) b.get("changed_at")))
                .map(step -> (String) step.get("name")).orElse(null);
        return new StepProgress(running, (int) (over * 100 / steps.size()));
    }

    private static final java.util.Set<String> FINISHED = java.util.Set.of("completed", "skipped", "failed",
            "cancelled");

    record StepProgress(String running, Integer percent) {
    }
}
