package dev.autodeploy.monitor.stream;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.monitor.deployment.DeploymentAccess;
import dev.autodeploy.monitor.deployment.DeploymentRecord;
import dev.autodeploy.support.web.ApiException;
import dev.autodeploy.support.web.ProblemDetailsAdvice;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a stream's handshake before the upgrade: the user's access token, validated by the service's
 * {@link JwtDecoder} as on the REST API, from the {@code Authorization: Bearer} header, the {@code access_token} query
 * parameter or the subprotocols {@code bearer, <token>} (the server then answers with {@code bearer}); then the
 * deployment's organization through {@link DeploymentAccess}. Refusals are problems: 401 without a valid token, 404
 * for a deployment the caller may not see, 400 for a bad cursor. The reason a token was refused is never told.
 */
@Component
class StreamHandshake implements HandshakeInterceptor {

    static final String SUBPROTOCOL = "bearer";
    static final String DEPLOYMENT = "deployment";
    static final String CURSOR = "cursor";

    private static final UriTemplate PATH = new UriTemplate("/api/v1/deployments/{id}/{kind}/stream");

    private final JwtDecoder tokens;
    private final DeploymentAccess access;
    private final JsonMapper json;

    StreamHandshake(JwtDecoder tokens, DeploymentAccess access, JsonMapper json) {
        this.tokens = tokens;
        this.access = access;
        this.json = json;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Map<String, Object> attributes) throws IOException {
        Map<String, List<String>> query = UriComponentsBuilder.fromUri(request.getURI()).build().getQueryParams();
        UUID userId = user(request, query);
        if (userId == null) {
            response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            return refuse(request, response, HttpStatus.UNAUTHORIZED, "unauthorized", "A valid access token is required.");
        }
        UUID deploymentId = deploymentId(request);
        DeploymentRecord deployment;
        try {
            if (deploymentId == null) {
                throw new DeploymentAccess.DeploymentNotFound();
            }
            deployment = access.require(deploymentId, userId);
        }
        catch (ApiException ex) {
            return refuse(request, response, ex.status(), ex.problemType(), ex.getMessage());
        }
        long cursor;
        try {
            List<String> given = query.get(CURSOR);
            cursor = given == null || given.isEmpty() ? 0 : Long.parseLong(given.getFirst());
        }
        catch (NumberFormatException ex) {
            cursor = -1;
        }
        if (cursor < 0) {
            return refuse(request, response, HttpStatus.BAD_REQUEST, "invalid-cursor",
                    "The cursor is the sequence of the last line received, a number from 0.");
        }
        attributes.put(DEPLOYMENT, deployment);
        attributes.put(CURSOR, cursor);
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
            Exception exception) {
    }

    private UUID user(ServerHttpRequest request, Map<String, List<String>> query) {
        String token = token(request, query);
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            Jwt jwt = tokens.decode(token);
            String subject = jwt.getSubject();
            // As on the REST API: the streams are for people, a service token (sub "service:<name>") is refused.
            return subject == null || subject.startsWith("service:") ? null : UUID.fromString(subject);
        }
        catch (JwtException | IllegalArgumentException ex) {
            return null;
        }
    }

    private static String token(ServerHttpRequest request, Map<String, List<String>> query) {
        String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        List<String> protocols = request.getHeaders().get(WebSocketHttpHeaders.SEC_WEBSOCKET_PROTOCOL);
        if (protocols != null) {
            List<String> offered = protocols.stream().flatMap(value -> Arrays.stream(value.split(",")))
                    .map(String::trim).filter(value -> !value.isEmpty()).toList();
            int bearer = offered.indexOf(SUBPROTOCOL);
            if (bearer >= 0 && bearer + 1 < offered.size()) {
                return offered.get(bearer + 1);
            }
        }
        List<String> fromQuery = query.get("access_token");
        return fromQuery == null || fromQuery.isEmpty() ? null : fromQuery.getFirst();
    }

    private static UUID deploymentId(ServerHttpRequest request) {
        Map<String, String> match = PATH.match(request.getURI().getPath());
        try {
            return match.containsKey("id") ? UUID.fromString(match.get("id")) : null;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private boolean refuse(ServerHttpRequest request, ServerHttpResponse response, HttpStatus status,
            String type, String detail) throws IOException {
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemDetailsAdvice.TYPE_BASE + type);
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", request.getURI().getPath());
        response.getBody().write(json.writeValueAsBytes(problem));
        return false;
    }
}
