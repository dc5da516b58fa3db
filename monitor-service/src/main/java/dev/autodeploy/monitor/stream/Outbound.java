package dev.autodeploy.monitor.stream;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * What one client is sent, in order, by a virtual thread of its own: whoever hands a message over (the Redis
 * subscriber, a replay, the heartbeat) never waits for the client's socket. A client that lets more than the buffer
 * limit pile up, or whose socket takes no bytes for longer than the send time limit, is closed with 1013.
 */
final class Outbound {

    static final CloseStatus TOO_SLOW = new CloseStatus(1013, "Client too slow: messages were piling up");
    static final CloseStatus NO_PONG = new CloseStatus(1008, "Heartbeat not answered");

    private static final Logger log = LoggerFactory.getLogger(Outbound.class);
    private static final Object STOP = new Object();

    private final WebSocketSession session;
    private final long bufferLimit;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long sendingSince;
    private volatile long closedAt;
    private volatile CloseStatus closedWith;
    private volatile long lastPong = System.nanoTime();

    Outbound(WebSocketSession session, long bufferLimit) {
        this.session = session;
        this.bufferLimit = bufferLimit;
        Thread.ofVirtual().name("stream-send-" + session.getId()).start(this::run);
    }

    String id() {
        return session.getId();
    }

    void text(String json) {
        offer(new TextMessage(json));
    }

    void ping() {
        offer(new PingMessage(ByteBuffer.wrap(Long.toString(System.nanoTime()).getBytes())));
    }

    void ponged() {
        lastPong = System.nanoTime();
    }

    boolean silentFor(long nanos) {
        return System.nanoTime() - lastPong > nanos;
    }

    /** True while one send has been blocked on the client's socket for longer than {@code nanos}. */
    boolean stuckFor(long nanos) {
        long since = sendingSince;
        return since != 0 && System.nanoTime() - since > nanos;
    }

    boolean closed() {
        return closed.get();
    }

    /** The status this side closed with; null when it did not (the client left, or still open). */
    CloseStatus closedWith() {
        return closedWith;
    }

    boolean closedFor(long nanos) {
        return closed.get() && System.nanoTime() - closedAt > nanos;
    }

    private void offer(WebSocketMessage<?> message) {
        if (closed.get()) {
            return;
        }
        if (queuedBytes.addAndGet(message.getPayloadLength()) > bufferLimit) {
            close(TOO_SLOW);
            return;
        }
        queue.add(message);
    }

    /** Closes the socket with {@code status} once everything queued before was sent. */
    void finish(CloseStatus status) {
        if (!closed.get()) {
            queue.add(new Finish(status));
        }
    }

    private record Finish(CloseStatus status) {
    }

    /** Closes the socket on a thread of its own: a client that stopped reading may keep the close frame waiting. */
    void close(CloseStatus status) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closedAt = System.nanoTime();
        closedWith = status;
        queue.clear();
        queue.add(STOP);
        if (status.getCode() != CloseStatus.NORMAL.getCode()) {
            log.info("Closing stream {} ({} {})", session.getId(), status.getCode(), status.getReason());
        }
        Thread.ofVirtual().name("stream-close-" + session.getId()).start(() -> {
            try {
                session.close(status);
            }
            catch (IOException | RuntimeException ex) {
                log.debug("Stream {} did not close cleanly: {}", session.getId(), ex.toString());
            }
        });
    }

    /** The socket closed from the other side: stop sending. */
    void stop() {
        if (closed.compareAndSet(false, true)) {
            closedAt = System.nanoTime();
            queue.clear();
            queue.add(STOP);
        }
    }

    private void run() {
        try {
            while (true) {
                Object next = queue.take();
                if (next == STOP) {
                    return;
                }
                if (next instanceof Finish finish) {
                    close(finish.status());
                    return;
                }
                WebSocketMessage<?> message = (WebSocketMessage<?>) next;
                queuedBytes.addAndGet(-message.getPayloadLength());
                sendingSince = System.nanoTime();
                session.sendMessage(message);
                sendingSince = 0;
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (IOException | RuntimeException ex) {
            log.debug("Stream {} could not be sent to: {}", session.getId(), ex.toString());
            close(CloseStatus.SERVER_ERROR);
        }
        finally {
            sendingSince = 0;
        }
    }
}
