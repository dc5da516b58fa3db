package dev.autodeploy.support.security;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

import dev.autodeploy.support.web.ProblemDetailsAdvice;
import dev.autodeploy.support.web.RequestIdFilter;

/**
 * RFC 9457 answers for requests Spring Security stops before any controller runs: 401 without a
 * valid token (with {@code WWW-Authenticate: Bearer}), 403 for an authenticated caller lacking
 * the right. The reason a token was refused is never echoed back.
 */
final class ProblemResponses {

    private final JsonMapper json = JsonMapper.builder().build();

    AuthenticationEntryPoint unauthorized() {
        return (request, response, exception) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            write(request, response, 401, "Unauthorized", "unauthorized",
                    "A valid access token is required.");
        };
    }

    AccessDeniedHandler forbidden() {
        return (request, response, exception) -> write(request, response, 403, "Forbidden", "forbidden",
                "You are not allowed to do this.");
    }

    private void write(HttpServletRequest request, HttpServletResponse response, int status, String title,
            String type, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemDetailsAdvice.TYPE_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        String requestId = MDC.get(RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            problem.put("requestId", requestId);
        }
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
