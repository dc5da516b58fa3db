package dev.autodeploy.auth.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.autodeploy.auth.audit.AuditProblems.InvalidAuditFilter;
import dev.autodeploy.auth.audit.AuditProblems.InvalidCursor;

/**
 * The filters of an audit log read, validated, and the SQL condition they make. {@code action} is exact, or a
 * prefix when it ends with {@code *} ({@code project.*}); {@code from} is inclusive, {@code to} exclusive; the
 * cursor is the opaque position after which (newest first) the next page starts.
 */
record AuditQuery(UUID actor, String actorType, String action, String targetType, String targetId, String service,
        String requestId, Instant from, Instant to, Long before) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9_.-]{1,128}\\*?|\\*");
    private static final Pattern CURSOR_VALUE = Pattern.compile("[1-9][0-9]{0,18}");

    /** Parses the request parameters (null when absent); anything malformed is a 400 problem. */
    static AuditQuery parse(String actor, String actorType, String action, String targetType, String targetId,
            String service, String requestId, String from, String to, String cursor) {
        if (action != null && !ACTION.matcher(action).matches()) {
            throw new InvalidAuditFilter("action is an action name, or a prefix ending with * (such as project.*).");
        }
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            throw new InvalidAuditFilter("from must be before to.");
        }
        return new AuditQuery(uuid("actor", actor), text("actorType", actorType, 16), action,
                text("targetType", targetType, 64), text("targetId", targetId, 255), text("service", service, 64),
                text("requestId", requestId, 128), fromInstant, toInstant, decodeCursor(cursor));
    }

    /** The page size as the request gave it (absent: the default); not a number or out of range is a 400. */
    static int limit(String limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        try {
            return limit(Integer.valueOf(limit));
        }
        catch (NumberFormatException e) {
            throw new InvalidAuditFilter("limit is between 1 and " + MAX_LIMIT + ".");
        }
    }

    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidAuditFilter("limit is between 1 and " + MAX_LIMIT + ".");
        }
        return limit;
    }

    static String encodeCursor(long seq) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Long.toString(seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** The WHERE clause (starting with the organization) and its named parameters. */
    String where(UUID organizationId, Map<String, Object> params) {
        params.put("organizationId", organizationId);
        return filters(new StringBuilder("organization_id = :organizationId"), params);
    }

    /** The WHERE clause of the user's personal entries (no organization's: their organization_id is set). */
    String wherePersonal(UUID userId, Map<String, Object> params) {
        params.put("userId", userId);
        return filters(new StringBuilder("organization_id IS NULL AND user_id = :userId"), params);
    }

    private String filters(StringBuilder sql, Map<String, Object> params) {
        equal(sql, params, "actor_id", "actor", actor);
        equal(sql, params, "actor_type", "actorType", actorType);
        equal(sql, params, "target_type", "targetType", targetType);
        equal(sql, params, "target_id", "targetId", targetId);
        equal(sql, params, "service", "service", service);
        equal(sql, params, "request_id", "requestId", requestId);
        if (action != null && !action.equals("*")) {
            if (action.endsWith("*")) {
                sql.append(" AND action LIKE :action ESCAPE '\\'");
                params.put("action", action.substring(0, action.length() - 1).replace("\\", "\\\\")
                        .replace("%", "\\%").replace("_", "\\_") + "%");
            }
            else {
                equal(sql, params, "action", "action", action);
            }
        }
        if (from != null) {
            sql.append(" AND occurred_at >= :from");
            params.put("from", java.sql.Timestamp.from(from));
        }
        if (to != null) {
            sql.append(" AND occurred_at < :to");
            params.put("to", java.sql.Timestamp.from(to));
        }
        if (before != null) {
            sql.append(" AND seq < :before");
            params.put("before", before);
        }
        return sql.toString();
    }

    /** The filters as they were given, for the export's own audit entry. */
    Map<String, Object> described() {
        Map<String, Object> filters = new LinkedHashMap<>();
        put(filters, "actor", actor);
        put(filters, "actorType", actorType);
        put(filters, "action", action);
        put(filters, "targetType", targetType);
        put(filters, "targetId", targetId);
        put(filters, "service", service);
        put(filters, "requestId", requestId);
        put(filters, "from", from == null ? null : from.toString());
        put(filters, "to", to == null ? null : to.toString());
        return filters;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static void equal(StringBuilder sql, Map<String, Object> params, String column, String name, Object value) {
        if (value != null) {
            sql.append(" AND ").append(column).append(" = :").append(name);
            params.put(name, value);
        }
    }

    private static Long decodeCursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String value = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (!CURSOR_VALUE.matcher(value).matches()) {
                throw new InvalidCursor();
            }
            return Long.parseLong(value);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidCursor();
        }
    }

    private static UUID uuid(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return UUID.fromString(value);
        }
        catch (IllegalArgumentException e) {
            throw new InvalidAuditFilter(name + " is a user id (a UUID).");
        }
    }

    private static Instant instant(String name, String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new InvalidAuditFilter(name + " is an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
        }
    }

    private static String text(String name, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            throw new InvalidAuditFilter(name + " is between 1 and " + max + " characters.");
        }
        return value;
    }
}
