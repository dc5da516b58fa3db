package dev.autodeploy.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.autodeploy.gateway.requestid.RequestIdWebFilter;

/**
 * Writes an RFC 9457 problem ({@code application/problem+json}) as the gateway's own answer: a stable
 * {@code type} under {@value #TYPE_BASE}, the path as {@code instance} and the request id.
 */
@Component
public class ProblemResponseWriter {

    /** Every problem type the gateway answers with is this base plus a short name. */
    public static final String TYPE_BASE = "https://autodeploy.dev/problems/";

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * Sets status and content type and writes the body; headers the caller set before (e.g.
     * {@code WWW-Authenticate}, {@code Retry-After}) stay.
     */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        return write(exchange, status, type, detail, exchange.getRequest().getPath().value());
    }

    /** As {@link #write(ServerWebExchange, HttpStatus, String, String)}, naming another path (e.g. the one before a forward). */
    public Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail, String instance) {
        // Written field by field: a plain mapper would nest extension members under "properties".
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", TYPE_BASE + type);
        fields.put("title", status.getReasonPhrase());
        fields.put("status", status.value());
        fields.put("detail", detail);
        fields.put("instance", instance);
        ServerHttpResponse response = exchange.getResponse();
        String requestId = response.getHeaders().getFirst(RequestIdWebFilter.HEADER);
        if (requestId != null) {
            fields.put("requestId", requestId);
        }
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(fields));
        return response.writeWith(Mono.just(body));
    }
}
