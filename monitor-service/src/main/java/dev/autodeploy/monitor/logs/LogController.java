package dev.autodeploy.monitor.logs;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.autodeploy.monitor.deployment.DeploymentAccess;
import dev.autodeploy.support.web.ApiException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A deployment's log lines (seed 001 {@code GET /deployments/:id/logs}): pages in sequence order after a cursor —
 * the {@code sequence} of the last line seen, the same cursor the log stream takes — filtered by level, step, text
 * and time; or the last lines ({@code tail}); or all of it as plain text ({@code /logs/download}).
 */
@RestController
class LogController {

    private static final Set<String> LEVELS = Set.of("debug", "info", "warn", "error");
    private static final int DOWNLOAD_PAGE = 5000;

    private final DeploymentAccess access;
    private final LogLineStore store;
    private final LogProperties properties;

    LogController(DeploymentAccess access, LogLineStore store, LogProperties properties) {
        this.access = access;
        this.store = store;
        this.properties = properties;
    }

    @GetMapping("/api/v1/deployments/{id}/logs")
    LogPage logs(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") long cursor, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Integer tail, @RequestParam(required = false) String level,
            @RequestParam(required = false) String step, @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since) {
        access.require(id, userId(caller));
        LogQuery query = query(id, cursor, level, step, q, since);
        if (tail != null) {
            List<LogLine> lines = store.tail(query, size("tail", tail));
            return page(id, lines, false, cursor);
        }
        int size = limit == null ? Math.min(properties.pageSize(), properties.maxPageSize()) : size("limit", limit);
        List<LogLine> lines = store.find(query, size + 1);
        boolean more = lines.size() > size;
        return page(id, more ? lines.subList(0, size) : lines, more, cursor);
    }

    @GetMapping(value = "/api/v1/deployments/{id}/logs/download", produces = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<StreamingResponseBody> download(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestParam(defaultValue = "0") long cursor, @RequestParam(required = false) String level,
            @RequestParam(required = false) String step, @RequestParam(required = false) String q,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant since) {
        access.require(id, userId(caller));
        LogQuery first = query(id, cursor, level, step, q, since);
        StreamingResponseBody body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            LogQuery query = first;
            List<LogLine> lines;
            do {
                lines = store.find(query, DOWNLOAD_PAGE);
                for (LogLine line : lines) {
                    writer.write(text(line));
                    writer.write('\n');
                }
                if (!lines.isEmpty()) {
                    query = query.after(lines.getLast().sequence());
                }
            } while (lines.size() == DOWNLOAD_PAGE);
            writer.flush();
        };
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename("deployment-" + id + ".log").build().toString())
                .contentType(new MediaType(MediaType.TEXT_PLAIN, StandardCharsets.UTF_8))
                .body(body);
    }

    /** {@code 2026-12-01T10:15:30.123Z INFO  [build_application] message} — one line per stored line. */
    static String text(LogLine line) {
        String message = line.message().replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\n    ");
        return line.timestamp() + " " + String.format(Locale.ROOT, "%-5s", line.level().toUpperCase(Locale.ROOT))
                + (line.step() == null ? " [" + line.source() + "] " : " [" + line.step() + "] ") + message;
    }

    private int size(String name, int value) {
        if (value < 1 || value > properties.maxPageSize()) {
            throw new InvalidLogQuery(name + " must be between 1 and " + properties.maxPageSize() + ".");
        }
        return value;
    }

    private static LogQuery query(UUID id, long cursor, String level, String step, String q, Instant since) {
        if (cursor < 0) {
            throw new InvalidLogQuery("cursor must be 0 or the sequence of a line.");
        }
        Set<String> levels = null;
        if (level != null && !level.isBlank()) {
            levels = Arrays.stream(level.split(",")).map(String::trim).map(value -> value.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toSet());
            if (!LEVELS.containsAll(levels)) {
                throw new InvalidLogQuery("level must be a comma-separated list of debug, info, warn, error.");
            }
        }
        if (q != null && q.length() > 200) {
            throw new InvalidLogQuery("q must be at most 200 characters.");
        }
        return new LogQuery(id, cursor, levels, step, q, since);
    }

    private static LogPage page(UUID id, List<LogLine> lines, boolean more, long cursor) {
        long next = lines.isEmpty() ? cursor : lines.getLast().sequence();
        return new LogPage(id, lines.stream().map(LogEntry::of).toList(), next, more);
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }

    /**
     * A page of lines. {@code nextCursor} is the sequence of the last line in it (the cursor given when it is
     * empty): pass it as {@code cursor} for the lines after — also the way to poll for new ones.
     */
    record LogPage(UUID deploymentId, List<LogEntry> items, long nextCursor, boolean hasMore) {
    }

    /** One line, as seed 001's {@code deployment.log} message describes it. */
    record LogEntry(long sequence, Instant timestamp, String level, String source, String step, String message) {

        static LogEntry of(LogLine line) {
            return new LogEntry(line.sequence(), line.timestamp(), line.level(), line.source(), line.step(),
                    line.message());
        }
    }

    static final class InvalidLogQuery extends ApiException {
        InvalidLogQuery(String detail) {
            super(HttpStatus.BAD_REQUEST, "invalid-log-query", detail);
        }
    }
}
