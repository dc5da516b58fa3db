package dev.autodeploy.monitor.logs;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code deployment_logs} table: append-only, one row per line, keyed by deployment and the deployer's
 * sequence number, so a line delivered twice is stored once.
 */
@Component
public class LogLineStore {

    private static final String COLUMNS = "deployment_id, organization_id, sequence, logged_at, level, source, step, message";

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final Clock clock;

    LogLineStore(JdbcTemplate jdbcTemplate, JdbcClient jdbc, Clock clock) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Stores the lines in one statement (arrays unnested server-side: one round trip for the whole batch) and
     * returns those that were new, in the order given. Lines already stored — a redelivery — are left as they are.
     */
    List<LogLine> append(List<StoredLine> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        Set<Key> inserted = jdbcTemplate.execute((Connection connection) -> {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO deployment_logs (deployment_id, sequence, event_id, organization_id, logged_at, level,
                        source, step, message, ingested_at)
                    SELECT d, s, e, o, t, l, src, st, m, ? FROM unnest(?::uuid[], ?::bigint[], ?::uuid[], ?::uuid[],
                        ?::timestamptz[], ?::varchar[], ?::varchar[], ?::varchar[], ?::text[]) AS u(d, s, e, o, t, l, src, st, m)
                    ON CONFLICT DO NOTHING
                    RETURNING deployment_id, sequence""")) {
                insert.setTimestamp(1, Timestamp.from(clock.instant()));
                insert.setArray(2, array(connection, "uuid", lines.stream().map(l -> l.line().deploymentId())));
                insert.setArray(3, array(connection, "bigint", lines.stream().map(l -> l.line().sequence())));
                insert.setArray(4, array(connection, "uuid", lines.stream().map(StoredLine::eventId)));
                insert.setArray(5, array(connection, "uuid", lines.stream().map(l -> l.line().organizationId())));
                insert.setArray(6, array(connection, "timestamptz",
                        lines.stream().map(l -> Timestamp.from(l.line().timestamp()))));
                insert.setArray(7, array(connection, "varchar", lines.stream().map(l -> l.line().level())));
                insert.setArray(8, array(connection, "varchar", lines.stream().map(l -> l.line().source())));
                insert.setArray(9, array(connection, "varchar", lines.stream().map(l -> l.line().step())));
                insert.setArray(10, array(connection, "text", lines.stream().map(l -> l.line().message())));
                Set<Key> keys = new HashSet<>();
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        keys.add(new Key(rows.getObject(1, UUID.class), rows.getLong(2)));
                    }
                }
                return keys;
            }
        });
        List<LogLine> fresh = new ArrayList<>(inserted.size());
        for (StoredLine line : lines) {
            if (inserted.remove(new Key(line.line().deploymentId(), line.line().sequence()))) {
                fresh.add(line.line());
            }
        }
        return fresh;
    }

    /** Up to {@code limit} lines of the deployment after sequence {@code afterSequence}, ascending. */
    public List<LogLine> after(UUID deploymentId, long afterSequence, int limit) {
        return find(new LogQuery(deploymentId, afterSequence, null, null, null, null), limit);
    }

    /** Up to {@code limit} lines matching the query after its cursor, ascending. */
    public List<LogLine> find(LogQuery query, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM deployment_logs WHERE deployment_id = ? AND sequence > ?"
                + query.filters() + " ORDER BY sequence LIMIT ?")
                .params(query.parameters(List.of(query.deploymentId(), query.after()), limit))
                .query(LogLineStore::row).list();
    }

    /** The last {@code limit} lines matching the query (after its cursor), ascending. */
    public List<LogLine> tail(LogQuery query, int limit) {
        List<LogLine> newestFirst = jdbc.sql("SELECT " + COLUMNS + " FROM deployment_logs WHERE deployment_id = ?"
                + " AND sequence > ?" + query.filters() + " ORDER BY sequence DESC LIMIT ?")
                .params(query.parameters(List.of(query.deploymentId(), query.after()), limit))
                .query(LogLineStore::row).list();
        return newestFirst.reversed();
    }

    /** Deletes up to {@code batch} lines logged before {@code cutoff}; returns how many. */
    int deleteOlderThan(Instant cutoff, int batch) {
        // SKIP LOCKED: replicas purging at the same time take different rows instead of waiting on each other.
        return jdbc.sql("""
                DELETE FROM deployment_logs WHERE ctid IN (
                    SELECT ctid FROM deployment_logs WHERE logged_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)""")
                .params(Timestamp.from(cutoff), batch).update();
    }

    private static Array array(Connection connection, String type, java.util.stream.Stream<?> values)
            throws SQLException {
        return connection.createArrayOf(type, values.toArray());
    }

    private static LogLine row(ResultSet rows, int n) throws SQLException {
        return new LogLine(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getLong(3),
                rows.getTimestamp(4).toInstant(), rows.getString(5), rows.getString(6), rows.getString(7),
                rows.getString(8));
    }

    /** A line to store, with the id of the event that carried it. */
    record StoredLine(UUID eventId, LogLine line) {
    }

    private record Key(UUID deploymentId, long sequence) {
    }
}
