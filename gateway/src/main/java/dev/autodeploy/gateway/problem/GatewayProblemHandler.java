package dev.autodeploy.gateway.problem;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Answers every error the gateway itself raises with an RFC 9457 problem: a service that is down
 * or has no registered instance is 503 {@code unavailable}, one that does not answer in time 504,
 * an unknown path 404. Never a stack trace or an exception class name.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler (-1)
class GatewayProblemHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayProblemHandler.class);

    private final ProblemResponseWriter problems;

    GatewayProblemHandler(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Problem problem = toProblem(error);
        return problems.write(exchange, problem.status(), problem.type(), problem.detail());
    }

    private Problem toProblem(Throwable error) {
        if (causedBy(error, ConnectException.class)) {
            return new Problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The service behind this endpoint is not reachable right now. Try again shortly.");
        }
        if (causedBy(error, TimeoutException.class)) {
            return new Problem(HttpStatus.GATEWAY_TIMEOUT, "timeout", "The service behind this endpoint did not answer in time.");
        }
        if (error instanceof ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            if (code == HttpStatus.SERVICE_UNAVAILABLE) {
                return new Problem(code, "unavailable", "No instance of the service behind this endpoint is running.");
            }
            if (code == HttpStatus.NOT_FOUND) {
                return new Problem(code, "not-found", "No such endpoint.");
            }
            if (code != null && code.is4xxClientError()) {
                return new Problem(code, "bad-request", code.getReasonPhrase());
            }
        }
        log.error("Unhandled gateway error", error);
        return new Problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "The request failed in the gateway. Quote the request id when reporting it.");
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private record Problem(HttpStatus status, String type, String detail) {
    }
}
