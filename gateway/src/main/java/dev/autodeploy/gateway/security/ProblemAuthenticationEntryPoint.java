package dev.autodeploy.gateway.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import dev.autodeploy.gateway.problem.ProblemResponseWriter;

/**
 * Answers a request without an acceptable token with 401, an RFC 9457 problem of type
 * {@code unauthorized} and an RFC 6750 {@code WWW-Authenticate: Bearer} challenge. Why a token was
 * refused goes only to the debug log (as an error code), never to the client or the token itself.
 */
final class ProblemAuthenticationEntryPoint implements ServerAuthenticationEntryPoint {

    private static final Logger log = LoggerFactory.getLogger(ProblemAuthenticationEntryPoint.class);

    private final ProblemResponseWriter problems;

    ProblemAuthenticationEntryPoint(ProblemResponseWriter problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        String challenge = "Bearer";
        String detail = "This endpoint needs a bearer access token.";
        if (failure instanceof OAuth2AuthenticationException rejected) {
            String code = rejected.getError().getErrorCode();
            log.debug("Bearer token refused on {}: {}", exchange.getRequest().getPath(), code);
            challenge = "Bearer error=\"" + code + "\"";
            detail = "The access token was not accepted: it is malformed, expired, not signed by AutoDeploy "
                    + "or not meant for this API.";
        }
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return problems.write(exchange, HttpStatus.UNAUTHORIZED, "unauthorized", detail);
    }
}
