package dev.autodeploy.monitor.logs;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which lines of one deployment to read: those after sequence {@code after}, optionally only of some levels,
 * of one step, containing a text (case-insensitive), or logged at or after {@code since}.
 */
public record LogQuery(UUID deploymentId, long after, Set<String> levels, String step, String text, Instant since) {

    public LogQuery {
        levels = levels == null || levels.isEmpty() ? null : Set.copyOf(levels);
        step = step == null || step.isBlank() ? null : step;
        text = text == null || text.isEmpty() ? null : text;
    }

    /** The same query, reading after another cursor. */
    public LogQuery after(long sequence) {
        return new LogQuery(deploymentId, sequence, levels, step, text, since);
    }

    /** SQL conditions for the optional filters, each starting with AND; see {@link #parameters}. */
    String filters() {
        StringBuilder sql = new StringBuilder();
        if (levels != null) {
            sql.append(" AND level IN (").append(String.join(", ", levels.stream().map(level -> "?").toList()))
                    .append(')');
        }
        if (step != null) {
            sql.append(" AND step = ?");
        }
        if (text != null) {
            sql.append(" AND message ILIKE ? ESCAPE '\\'");
        }
        if (since != null) {
            sql.append(" AND logged_at >= ?");
        }
        return sql.toString();
    }

    /** {@code leading}, then the filters' parameters in {@link #filters}' order, then {@code trailing}. */
    Object[] parameters(List<Object> leading, Object... trailing) {
        List<Object> parameters = new ArrayList<>(leading);
        if (levels != null) {
            parameters.addAll(levels.stream().sorted().toList());
        }
        if (step != null) {
            parameters.add(step);
        }
        if (text != null) {
            parameters.add("%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (since != null) {
            parameters.add(Timestamp.from(since));
        }
        parameters.addAll(List.of(trailing));
        return parameters.toArray();
    }
}
