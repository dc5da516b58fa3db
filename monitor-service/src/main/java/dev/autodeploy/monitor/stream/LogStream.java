package dev.autodeploy.monitor.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.monitor.logs.LogLine;

/**
 * One client of a deployment's log stream. It is registered for live lines before its backlog is read, holds the
 * live ones while the backlog is replayed, then sends those it has not sent yet: every line once, in order, none
 * lost between the backlog and the live ones.
 */
final class LogStream implements LiveStream {

    private final UUID deploymentId;
    private final Outbound out;
    private final StreamMessages messages;
    private final int replayBufferLimit;
    private List<LogLine> held = new ArrayList<>();
    private long lastSent;

    LogStream(UUID deploymentId, long cursor, Outbound out, StreamMessages messages, int replayBufferLimit) {
        this.deploymentId = deploymentId;
        this.out = out;
        this.messages = messages;
        this.replayBufferLimit = replayBufferLimit;
        this.lastSent = cursor;
    }

    @Override
    public UUID deploymentId() {
        return deploymentId;
    }

    @Override
    public Outbound out() {
        return out;
    }

    /** Sends the stored lines after the cursor, page by page, then switches to the live ones. */
    void replay(StreamBacklog backlog, int pageSize) {
        while (!out.closed()) {
            long from;
            synchronized (this) {
                from = lastSent;
            }
            List<LogLine> page = backlog.after(deploymentId, from, pageSize);
            synchronized (this) {
                page.forEach(this::sendIfNew);
            }
            if (page.size() < pageSize) {
                break;
            }
        }
        synchronized (this) {
            held.sort(Comparator.comparingLong(LogLine::sequence));
            held.forEach(this::sendIfNew);
            held = null;
        }
    }

    @Override
    public synchronized void lines(List<LogLine> lines) {
        if (held != null) {
            held.addAll(lines);
            if (held.size() > replayBufferLimit) {
                out.close(Outbound.TOO_SLOW);
            }
            return;
        }
        lines.forEach(this::sendIfNew);
    }

    @Override
    public void status(StatusUpdate update) {
        if (update.step() == null && update.finished()) {
            out.text(messages.status(update));
        }
    }

    private void sendIfNew(LogLine line) {
        if (line.sequence() > lastSent) {
            lastSent = line.sequence();
            out.text(messages.log(line));
        }
    }
}
