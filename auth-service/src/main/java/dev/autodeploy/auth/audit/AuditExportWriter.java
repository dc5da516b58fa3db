package dev.autodeploy.auth.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Writes audit entries one at a time in an export format: NDJSON (one entry's JSON per line, as the API answers
 * it) or CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a comma, quote or line break;
 * before/after as JSON text). A CSV cell that a spreadsheet would run as a formula ({@code = + - @}, tab, CR) is
 * prefixed with {@code '}.
 */
abstract class AuditExportWriter {

    static final List<String> CSV_COLUMNS = List.of("id", "organizationId", "occurredAt", "collectedAt", "service",
            "actorType", "actorId", "actorEmail", "action", "targetType", "targetId", "before", "after", "requestId",
            "ip", "userAgent");

    protected final Writer out;

    AuditExportWriter(Writer out) {
        this.out = out;
    }

    static AuditExportWriter of(String format, Writer out, JsonMapper json) {
        return switch (format) {
            case "ndjson" -> new Ndjson(out, json);
            case "csv" -> new Csv(out, json);
            default -> throw new IllegalArgumentException(format);
        };
    }

    void start() {
    }

    abstract void write(AuditEntry entry);

    static final class Ndjson extends AuditExportWriter {

        private final JsonMapper json;

        Ndjson(Writer out, JsonMapper json) {
            super(out);
            this.json = json;
        }

        @Override
        void write(AuditEntry entry) {
            try {
                out.write(json.writeValueAsString(entry));
                out.write('\n');
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    static final class Csv extends AuditExportWriter {

        private final JsonMapper json;

        Csv(Writer out, JsonMapper json) {
            super(out);
            this.json = json;
        }

        @Override
        void start() {
            row(CSV_COLUMNS);
        }

        @Override
        void write(AuditEntry e) {
            row(java.util.Arrays.asList(text(e.id()), text(e.organizationId()), text(e.occurredAt()),
                    text(e.collectedAt()), e.service(), e.actorType(), text(e.actorId()), e.actorEmail(), e.action(),
                    e.targetType(), e.targetId(), jsonText(e.before()), jsonText(e.after()), e.requestId(), e.ip(),
                    e.userAgent()));
        }

        private void row(List<String> cells) {
            try {
                for (int i = 0; i < cells.size(); i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    out.write(cell(cells.get(i)));
                }
                out.write("\r\n");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private String jsonText(Map<String, Object> value) {
            return value == null ? null : json.writeValueAsString(value);
        }

        private static String text(Object value) {
            return value instanceof UUID || value instanceof Instant ? value.toString() : Objects.toString(value, null);
        }

        static String cell(String value) {
            if (value == null || value.isEmpty()) {
                return "";
            }
            char first = value.charAt(0);
            String guarded = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
                    || first == '\r' ? "'" + value : value;
            boolean quote = guarded.indexOf(',') >= 0 || guarded.indexOf('"') >= 0 || guarded.indexOf('\n') >= 0
                    || guarded.indexOf('\r') >= 0;
            return quote ? '"' + guarded.replace("\"", "\"\"") + '"' : guarded;
        }
    }
}
