package dev.autodeploy.monitor.stream;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.monitor.logs.LogLine;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;

/**
 * One client of a deployment's log stream. It is registered for live lines before its backlog is read, holds the
 * live ones while the backlog is replayed, then sends those it has not sent yet: every line once, in order, none
 * lost between the backlog and the live ones. A live line that skips sequences (lines can reach a replica out of
 * order when a deployment's partition moves between replicas) starts the same catch-up from the database first.
 */
final class LogStream implements LiveStream {

    private final UUID deploymentId;
    private final Outbound out;
    private final StreamMessages messages;
    private final StreamBacklog backlog;
    private final int pageSize;
    private final int replayBufferLimit;
    private List<LogLine> held = new ArrayList<>();
    private long lastSent;

    LogStream(UUID deploymentId, long cursor, Outbound out, StreamMessages messages, StreamBacklog backlog,
            int pageSize, int replayBufferLimit) {
        this.deploymentId = deploymentId;
        this.out = out;
        this.messages = messages;
        this.backlog = backlog;
        this.pageSize = pageSize;
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

    /** Replays the backlog on a virtual thread of its own; live lines are held meanwhile. */
    void start() {
        Thread.ofVirtual().name("stream-replay-" + out.id()).start(this::replaySafely);
    }

    private void replaySafely() {
        try {
            replay();
        }
        catch (RuntimeException ex) {
            LoggerFactory.getLogger(LogStream.class).warn("Could not replay a log backlog", ex);
            out.close(CloseStatus.SERVER_ERROR);
        }
    }

    /** Sends the stored lines after the last one sent, page by page, then the held live ones not sent yet. */
    void replay() {
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
            // the database was just read: a line still skipping sequences is sent as it is (the skipped were never stored)
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
        for (int index = 0; index < lines.size(); index++) {
            LogLine line = lines.get(index);
            if (line.sequence() > lastSent + 1) {
                // Sequences were skipped: what is stored fills them (a line never stored stays skipped).
                held = new ArrayList<>(lines.subList(index, lines.size()));
                start();
                return;
            }
            sendIfNew(line);
        }
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
