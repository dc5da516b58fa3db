package dev.autodeploy.monitor.stream;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.monitor.logs.LogLine;
import org.springframework.web.socket.CloseStatus;

/**
 * One client of a deployment's status stream: the status as it is when it connects, then every change (a step's
 * change also as {@code deployment.build}). Registered before the current status is read; changes heard meanwhile
 * are held and sent after it, those the current status already covers left out. Closed (1000) after the final status.
 */
final class StatusStream implements LiveStream {

    static final CloseStatus FINISHED = new CloseStatus(1000, "Deployment finished");

    private final UUID deploymentId;
    private final Outbound out;
    private final StreamMessages messages;
    private List<StatusUpdate> held = new ArrayList<>();
    private Instant current = Instant.EPOCH;

    StatusStream(UUID deploymentId, Outbound out, StreamMessages messages) {
        this.deploymentId = deploymentId;
        this.out = out;
        this.messages = messages;
    }

    @Override
    public UUID deploymentId() {
        return deploymentId;
    }

    @Override
    public Outbound out() {
        return out;
    }

    synchronized void start(StatusUpdate now, Instant statusChangedAt) {
        current = statusChangedAt;
        send(now);
        List<StatusUpdate> meanwhile = held;
        held = null;
        meanwhile.forEach(this::sendIfNew);
    }

    @Override
    public void lines(List<LogLine> lines) {
    }

    @Override
    public synchronized void status(StatusUpdate update) {
        if (held != null) {
            held.add(update);
            return;
        }
        sendIfNew(update);
    }

    private void sendIfNew(StatusUpdate update) {
        if (out.closed()) {
            return;
        }
        // A change of the deployment itself the first message already showed.
        if (update.step() == null && !update.occurredAt().isAfter(current)) {
            return;
        }
        if (update.step() == null) {
            current = update.occurredAt();
        }
        send(update);
    }

    private void send(StatusUpdate update) {
        out.text(messages.status(update));
        if (update.step() != null) {
            out.text(messages.build(update));
        }
        if (update.finished() && update.step() == null) {
            out.finish(FINISHED);
        }
    }
}
