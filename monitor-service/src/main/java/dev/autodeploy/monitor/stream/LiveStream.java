package dev.autodeploy.monitor.stream;

import java.util.List;
import java.util.UUID;

import dev.autodeploy.monitor.logs.LogLine;

/** A client of one deployment's live stream, told of what this replica hears. */
interface LiveStream {

    UUID deploymentId();

    Outbound out();

    /** Newly stored lines of its deployment, in sequence order. */
    void lines(List<LogLine> lines);

    void status(StatusUpdate update);
}
