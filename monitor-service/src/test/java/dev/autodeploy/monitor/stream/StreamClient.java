package dev.autodeploy.monitor.stream;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stream client on the JDK's WebSocket: keeps every JSON message it receives, in order. A {@link #slow} one reads
 * its first message and then nothing more (its socket fills up, as a stuck browser tab's would).
 */
final class StreamClient implements WebSocket.Listener {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    final java.util.concurrent.atomic.AtomicInteger pings = new java.util.concurrent.atomic.AtomicInteger();
    private final boolean slow;
    private final StringBuilder partial = new StringBuilder();
    WebSocket socket;
    String subprotocol;

    private StreamClient(boolean slow) {
        this.slow = slow;
    }

    /** Connects, giving the token as {@code access_token} in the URI or not at all. */
    static StreamClient connect(String uri) {
        return open(uri, false, null);
    }

    static StreamClient slow(String uri) {
        return open(uri, true, null);
    }

    /** Connects offering the subprotocols {@code bearer, <token>}. */
    static StreamClient withSubprotocol(String uri, String token) {
        return open(uri, false, token);
    }

    /** The HTTP status the handshake was refused with; fails if it was accepted. */
    static int refusal(String uri, String subprotocolToken) {
        try {
            StreamClient client = open(uri, false, subprotocolToken);
            client.socket.abort();
            throw new AssertionError("The handshake was accepted");
        }
        catch (CompletionException ex) {
            if (ex.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw ex;
        }
    }

    private static StreamClient open(String uri, boolean slow, String token) {
        StreamClient client = new StreamClient(slow);
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.subprotocols("bearer", token);
        }
        client.socket = builder.buildAsync(URI.create(uri), client).orTimeout(20, TimeUnit.SECONDS).join();
        client.subprotocol = client.socket.getSubprotocol();
        return client;
    }

    List<Map<String, Object>> ofType(String type) {
        return received.stream().filter(message -> type.equals(message.get("type"))).toList();
    }

    List<Long> sequences() {
        return ofType("deployment.log").stream().map(message -> ((Number) message.get("sequence")).longValue())
                .toList();
    }

    void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        socket.abort();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received.add(JSON.readValue(partial.toString(), MAP));
            partial.setLength(0);
        }
        if (!slow) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, java.nio.ByteBuffer message) {
        // The JDK answers the ping with a pong by itself; a slow client asks for nothing more.
        pings.incrementAndGet();
        if (!slow) {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.completeExceptionally(error);
    }
}
