package dev.autodeploy.monitor.stream;

import java.net.InetSocketAddress;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.autodeploy.monitor.logs.LogLine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.util.unit.DataSize;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketExtension;
import org.springframework.web.socket.WebSocketSession;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Heartbeats, the send limits and the backlog/live boundary of one client, without Spring or a network. */
class HeartbeatAndBufferTests {

    private final StreamMessages messages = new StreamMessages(JsonMapper.builder().build());
    private final LocalStreams local = new LocalStreams(new StreamProperties(Duration.ofMillis(100),
            Duration.ofMillis(600), Duration.ofMillis(400), DataSize.ofKilobytes(64), 100, 50, Duration.ofMillis(50)));

    @AfterEach
    void stop() {
        local.destroy();
    }

    @Test
    void aClientIsPingedAndOneThatNeverAnswersIsClosedWith1008() {
        FakeSession silent = new FakeSession();
        FakeSession answering = new FakeSession();
        LogStream silentStream = stream(silent, 0);
        LogStream answeringStream = stream(answering, 0);
        local.add(silentStream);
        local.add(answeringStream);

        await().atMost(Duration.ofSeconds(5)).until(() -> answering.pings() >= 3);
        answeringStream.out().ponged();
        await().atMost(Duration.ofSeconds(5)).until(() -> silent.closedWith != null);
        assertThat(silent.closedWith.getCode()).isEqualTo(1008);
        assertThat(silent.pings()).isGreaterThan(0);
        for (int i = 0; i < 10; i++) {
            answeringStream.out().ponged();
            await().pollDelay(Duration.ofMillis(100)).until(() -> true);
        }
        assertThat(answering.closedWith).isNull();
    }

    @Test
    void aClientWhoseSocketTakesNothingIsClosedWith1013AndTheCallerNeverWaits() {
        FakeSession stuck = new FakeSession();
        stuck.block = new CountDownLatch(1);
        LogStream stream = stream(stuck, 0);
        local.add(stream);
        stream.replay();

        long start = System.nanoTime();
        stream.lines(lines(1, 5, "x"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.closedWith != null);
        assertThat(stuck.closedWith.getCode()).isEqualTo(1013);
        stuck.block.countDown();
    }

    @Test
    void moreQueuedThanTheBufferLimitClosesTheClientWith1013() {
        FakeSession stuck = new FakeSession();
        stuck.block = new CountDownLatch(1);
        LogStream stream = stream(stuck, 0);
        stream.replay();

        stream.lines(lines(1, 100, "y".repeat(1024)));
        await().atMost(Duration.ofSeconds(5)).until(() -> stuck.closedWith != null);
        assertThat(stuck.closedWith.getCode()).isEqualTo(1013);
        stuck.block.countDown();
    }

    @Test
    void linesHeardDuringTheReplayAreSentAfterItOnlyIfNew() {
        FakeSession session = new FakeSession();
        // stored: 3..5 after the cursor 2, read two per page
        LogStream stream = stream(session, 2, new ListBacklog(lines(3, 5, "stored")), 2);
        // heard live before the backlog was read: 4..6, of which 4 and 5 are also in the backlog
        stream.lines(lines(4, 6, "live"));
        stream.replay();
        stream.lines(lines(6, 8, "live"));

        await().atMost(Duration.ofSeconds(5)).until(() -> session.texts().size() == 6);
        assertThat(sequences(session)).containsExactly("3", "4", "5", "6", "7", "8");
    }

    @Test
    void aLiveLineThatSkipsSequencesIsPrecededByTheStoredOnesAndTheLateCopiesAreDropped() {
        FakeSession session = new FakeSession();
        ListBacklog backlog = new ListBacklog(lines(1, 6, "stored"));
        LogStream stream = stream(session, 0, backlog, 50);
        stream.replay();
        await().atMost(Duration.ofSeconds(5)).until(() -> session.texts().size() == 6);
        // after a partition moved: 9 (from the new replica) before 7 and 8 (from the old one)
        backlog.stored.addAll(lines(7, 9, "stored"));
        stream.lines(lines(9, 9, "live"));
        await().atMost(Duration.ofSeconds(5)).until(() -> session.texts().size() == 9);
        stream.lines(lines(7, 8, "late"));
        stream.lines(lines(10, 10, "live"));

        await().atMost(Duration.ofSeconds(5)).until(() -> session.texts().size() == 10);
        assertThat(sequences(session)).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    }

    private static List<String> sequences(FakeSession session) {
        return session.texts().stream().map(text -> text.replaceAll(".*\"sequence\":(\\d+).*", "$1")).toList();
    }

    private LogStream stream(FakeSession session, long cursor) {
        return stream(session, cursor, new ListBacklog(List.of()), 50);
    }

    private LogStream stream(FakeSession session, long cursor, StreamBacklog backlog, int pageSize) {
        return new LogStream(DEPLOYMENT, cursor, new Outbound(session, DataSize.ofKilobytes(64).toBytes()), messages,
                backlog, pageSize, 100);
    }

    private static final UUID DEPLOYMENT = UUID.randomUUID();

    private static List<LogLine> lines(long from, long to, String message) {
        return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(sequence -> new LogLine(DEPLOYMENT,
                DEPLOYMENT, sequence, Instant.EPOCH, "info", "build", null, message)).toList();
    }

    /** The stored lines, in sequence order; more may be added. */
    private static final class ListBacklog extends StreamBacklog {

        final List<LogLine> stored = new CopyOnWriteArrayList<>();

        ListBacklog(List<LogLine> lines) {
            super(null, null, null);
            stored.addAll(lines);
        }

        @Override
        List<LogLine> after(UUID deploymentId, long afterSequence, int limit) {
            return stored.stream().filter(line -> line.sequence() > afterSequence).limit(limit).toList();
        }
    }

    /** A session that records what it is sent; {@link #block} set, its first send never returns until released. */
    private static final class FakeSession implements WebSocketSession {

        final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();
        final String id = UUID.randomUUID().toString();
        final Map<String, Object> attributes = new ConcurrentHashMap<>();
        volatile CloseStatus closedWith;
        volatile CountDownLatch block;

        long pings() {
            return sent.stream().filter(PingMessage.class::isInstance).count();
        }

        List<String> texts() {
            return sent.stream().filter(TextMessage.class::isInstance).map(m -> ((TextMessage) m).getPayload()).toList();
        }

        @Override
        public String getId() {
            return id;
        }

        @Override
        public void sendMessage(WebSocketMessage<?> message) {
            if (block != null) {
                try {
                    block.await();
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
            }
            sent.add(message);
        }

        @Override
        public synchronized void close(CloseStatus status) {
            if (closedWith == null) {
                closedWith = status;
            }
        }

        @Override
        public void close() {
            close(CloseStatus.NORMAL);
        }

        @Override
        public boolean isOpen() {
            return closedWith == null;
        }

        @Override
        public Map<String, Object> getAttributes() {
            return attributes;
        }

        @Override public URI getUri() { return null; }
        @Override public HttpHeaders getHandshakeHeaders() { return new HttpHeaders(); }
        @Override public Principal getPrincipal() { return null; }
        @Override public InetSocketAddress getLocalAddress() { return null; }
        @Override public InetSocketAddress getRemoteAddress() { return null; }
        @Override public String getAcceptedProtocol() { return null; }
        @Override public void setTextMessageSizeLimit(int messageSizeLimit) { }
        @Override public int getTextMessageSizeLimit() { return 0; }
        @Override public void setBinaryMessageSizeLimit(int messageSizeLimit) { }
        @Override public int getBinaryMessageSizeLimit() { return 0; }
        @Override public List<WebSocketExtension> getExtensions() { return List.of(); }
    }
}
