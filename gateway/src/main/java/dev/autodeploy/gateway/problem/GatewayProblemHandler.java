package dev.autodeploy.gateway.problem;

import java.net.ConnectException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import dev.autodeploy.gateway.requestid.RequestIdWebFilter;

/**
 * Answers every error the gateway itself raises with an RFC 9457 problem: a service that is down
 * or has no registered instance is 503 {@code unavailable}, one that does not answer in time 504,
 * an unknown path 404. Never a stack trace or an exception class name.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1)
class GatewayProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);
    private static final String TYPE_BASE = "https://autodeploy.dev/problems/";

    private final JsonMapper json = JsonMapper.builder().build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        ProblemDetail problem = toProblem(error);
        // Written field by field: a plain mapper would nest extension members under "properties".
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", problem.getType().toString());
        fields.put("title", problem.getTitle());
        fields.put("status", problem.getStatus());
        fields.put("detail", problem.getDetail());
        fields.put("instance", exchange.getRequest().getPath().value());
        String requestId = exchange.getResponse().getHeaders().getFirst(RequestIdWebFilter.HEADER);
        if (requestId != null) {
            fields.put("requestId", requestId);
        }
        exchange.getResponse().setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        exchange.getResponse().getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        DataBuffer body = exchange.getResponse().bufferFactory().wrap(json.writeValueAsBytes(fields));
        return exchange.getResponse().writeWith(Mono.just(body));
    }

    private ProblemDetail toProblem(Throwable error) {
        if (causedBy(error, ConnectException.class)) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The service behind this endpoint is not reachable right now. Try again shortly.");
        }
        if (causedBy(error, TimeoutException.class)) {
            return problem(HttpStatus.GATEWAY_TIMEOUT, "timeout", "The service behind this endpoint did not answer in time.");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.SERVICE_UNAVAILABLE) {
                return problem(code, "unavailable", "No instance of the service behind this endpoint is running.");
            }
            if (code == HttpStatus.NOT_FOUND) {
                return problem(code, "not-found", "No such endpoint.");
            }
            if (code != null && code.is4xxClientError()) {
                return problem(code, "bad-request", code.getReasonPhrase());
            }
        }
        log.error("Unhandled gateway error", error);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request failed in the gateway. Quote the request id when reporting it.");
    }

    private static ProblemDetail problem(HttpStatus status, String type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        return problem;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
