package dev.autodeploy.e2e.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A WebSocket client of a live stream (logs or status) through the gateway: collects every JSON message it gets,
 * and how the connection ended. The token goes in the {@code access_token} query parameter.
 */
public final class Stream implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private Stream(URI uri) {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener()).orTimeout(15, TimeUnit.SECONDS).join();
    }

    /** Opens {@code path} (e.g. /api/v1/deployments/{id}/logs/stream?after=0) on the gateway with the token. */
    public static Stream open(URI gateway, String path, String accessToken) {
        String ws = gateway.toString().replaceFirst("^http", "ws");
        String separator = path.contains("?") ? "&" : "?";
        return new Stream(URI.create(ws + path + separator + "access_token=" + accessToken));
    }

    /** Every message so far, in arrival order. */
    public List<JsonNode> messages() {
        return List.copyOf(messages);
    }

    /** Completes with the close code when the server closes the stream (or -1 on a transport error). */
    public CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
