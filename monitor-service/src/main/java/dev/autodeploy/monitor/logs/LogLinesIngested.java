package dev.autodeploy.monitor.logs;

import java.util.List;

/**
 * In-process notice, after they were committed, of log lines this replica stored (each deployment's in sequence
 * order; a line seen before is not in it). Live streams and alert rules react to it; it never leaves the service.
 */
public record LogLinesIngested(List<LogLine> lines) {

    public LogLinesIngested {
        lines = List.copyOf(lines);
    }
}
