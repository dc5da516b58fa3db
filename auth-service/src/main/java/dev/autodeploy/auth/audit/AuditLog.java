package dev.autodeploy.auth.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.autodeploy.auth.audit.AuditProblems.InsufficientRole;
import dev.autodeploy.auth.audit.AuditProblems.OrganizationNotFound;
import dev.autodeploy.events.AuditRecorded;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The append-only store of the organizations' audit log and of the users' personal logs ({@code audit_entries}):
 * entries are added once per event id and read newest first, a page at a time or streamed row by row for exports.
 * Only owners and admins read an organization's log; a user reads only their own personal one.
 */
@Component
class AuditLog {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final String COLUMNS = """
            seq, event_id, organization_id, occurred_at, collected_at, service, actor_type, actor_id, actor_email,
            action, target_type, target_id, before::text AS before, after::text AS after, request_id, ip, user_agent""";
    private static final int EXPORT_FETCH_SIZE = 500;

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json,
            Clock clock) {
        this.jdbc = jdbc;
        JdbcTemplate template = new JdbcTemplate(dataSource);
        // With a fetch size inside a transaction the Postgres driver reads through a cursor: the export never holds
        // more than one batch of rows in memory.
        template.setFetchSize(EXPORT_FETCH_SIZE);
        this.streaming = new NamedParameterJdbcTemplate(template);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
        this.clock = clock;
    }

    /** Stores the entry unless its event id is already there (a redelivery); true when it was new. */
    boolean append(AuditRecorded event) {
        return jdbc.sql("""
                INSERT INTO audit_entries (event_id, organization_id, user_id, occurred_at, collected_at, service,
                    actor_type, actor_id, actor_email, action, target_type, target_id, before, after, request_id, ip,
                    user_agent)
                VALUES (:eventId, :organizationId, :userId, :occurredAt, :collectedAt, :service, :actorType, :actorId,
                    (SELECT email FROM app_user WHERE id = :actorId), :action, :targetType, :targetId,
                    CAST(:before AS jsonb), CAST(:after AS jsonb), :requestId, :ip, :userAgent)
                ON CONFLICT (event_id) DO NOTHING""")
                .param("eventId", event.eventId())
                .param("organizationId", event.organizationId(), java.sql.Types.OTHER)
                // An organization's entry is filed under the organization only, even if a publisher named a user.
                .param("userId", event.organizationId() == null ? event.userId() : null, java.sql.Types.OTHER)
                .param("occurredAt", Timestamp.from(event.occurredAt()))
                .param("collectedAt", Timestamp.from(clock.instant()))
                .param("service", event.service())
                .param("actorType", event.actorType())
                .param("actorId", event.actorId(), java.sql.Types.OTHER)
                .param("action", event.action())
                .param("targetType", event.targetType())
                .param("targetId", event.targetId())
                .param("before", event.before() == null ? null : json.writeValueAsString(event.before()))
                .param("after", event.after() == null ? null : json.writeValueAsString(event.after()))
                .param("requestId", event.requestId())
                .param("ip", event.ip())
                .param("userAgent", event.userAgent())
                .update() == 1;
    }

    /** Checks that the user may read the organization's log: owners and admins; others 403, non-members 404. */
    void requireReader(UUID organizationId, UUID userId) {
        String role = jdbc.sql("SELECT role FROM organization_member WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId).query(String.class).optional()
                .orElseThrow(OrganizationNotFound::new);
        if (!role.equals("owner") && !role.equals("admin")) {
            throw new InsufficientRole();
        }
    }

    /** A page of the organization's entries, newest first, and the cursor of the next one (null at the end). */
    Page page(UUID organizationId, AuditQuery query, int limit) {
        Map<String, Object> params = new HashMap<>();
        return page(query.where(organizationId, params), params, limit);
    }

    /** A page of the user's personal entries (never an organization's), newest first, like {@link #page}. */
    Page personalPage(UUID userId, AuditQuery query, int limit) {
        Map<String, Object> params = new HashMap<>();
        return page(query.wherePersonal(userId, params), params, limit);
    }

    private Page page(String where, Map<String, Object> params, int limit) {
        params.put("limit", limit + 1);
        List<Row> rows = new ArrayList<>();
        streaming.query("SELECT " + COLUMNS + " FROM audit_entries WHERE " + where + " ORDER BY seq DESC LIMIT :limit",
                params, (ResultSet rs) -> {
                    rows.add(new Row(rs.getLong("seq"), entry(rs)));
                });
        boolean more = rows.size() > limit;
        List<Row> shown = more ? rows.subList(0, limit) : rows;
        return new Page(shown.stream().map(Row::entry).toList(),
                more ? AuditQuery.encodeCursor(shown.getLast().seq()) : null);
    }

    /** Hands every matching entry, newest first, to {@code sink} without holding them all. */
    void stream(UUID organizationId, AuditQuery query, Consumer<AuditEntry> sink) {
        Map<String, Object> params = new HashMap<>();
        String where = query.where(organizationId, params);
        readOnly.executeWithoutResult(status -> streaming.query(
                "SELECT " + COLUMNS + " FROM audit_entries WHERE " + where + " ORDER BY seq DESC", params,
                (ResultSet rs) -> sink.accept(entry(rs))));
    }

    record Page(List<AuditEntry> items, String nextCursor) {
    }

    private record Row(long seq, AuditEntry entry) {
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getObject("event_id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getTimestamp("occurred_at").toInstant(), rs.getTimestamp("collected_at").toInstant(),
                rs.getString("service"), rs.getString("actor_type"), rs.getObject("actor_id", UUID.class),
                rs.getString("actor_email"), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"), map(rs.getString("before")), map(rs.getString("after")),
                rs.getString("request_id"), rs.getString("ip"), rs.getString("user_agent"));
    }

    private Map<String, Object> map(String value) {
        return value == null ? null : json.readValue(value, MAP);
    }
}
