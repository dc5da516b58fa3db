package dev.autodeploy.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to the suite as a client would send it: JSON in and out, an optional bearer token, every status handed back
 * for assertions (never thrown). Immutable: {@link #as(String)} gives a client that sends a token.
 */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final HttpClient http;

    public Api(URI base) {
        this(base, null, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private Api(URI base, String token, HttpClient http) {
        this.base = base;
        this.token = token;
        this.http = http;
    }

    /** The same client sending {@code Authorization: Bearer <token>}. */
    public Api as(String accessToken) {
        return new Api(base, accessToken, http);
    }

    /** The same client sending a user's access token. */
    public Api as(Accounts.User user) {
        return as(user.accessToken());
    }

    public URI base() {
        return base;
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /**
     * Any request. {@code body} is serialized to JSON unless it is a {@code String} or {@code byte[]}, which are sent
     * as they are (for malformed-input tests); {@code headers} are added (and may override Content-Type).
     */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60));
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", "application/json, application/problem+json");
        if (body != null) {
            all.put("Content-Type", "application/json");
        }
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        all.putAll(headers);
        all.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " got no response: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] bytes(Object body) {
        if (body instanceof byte[] raw) {
            return raw;
        }
        if (body instanceof String text) {
            return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        return JSON.writeValueAsBytes(body);
    }

    /** A response: status, headers (lower-case names) and the body, read as JSON on demand. */
    public record Response(int status, Map<String, java.util.List<String>> headers, byte[] bytes) {

        public String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        /** The body as JSON (a missing node for an empty body). */
        public JsonNode json() {
            return bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        /** Fails with the status and body when the status is not the expected one; returns the JSON body. */
        public JsonNode expect(int expected) {
            if (status != expected) {
                throw new AssertionError("expected HTTP " + expected + " but got " + status + ": " + text());
            }
            return json();
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }
}
