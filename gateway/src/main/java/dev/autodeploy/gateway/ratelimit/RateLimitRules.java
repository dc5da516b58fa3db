package dev.autodeploy.gateway.ratelimit;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/** Which limit a request counts against: the first rule that matches, none outside {@code /api/v1}. */
@Component
class RateLimitRules {

    /** One limit and what it is counted by (the user, or the client address). */
    record Rule(String name, RateLimitProperties.Limit limit, boolean perUser, HttpMethod method,
            List<PathPattern> paths) {

        boolean matches(HttpMethod requestMethod, PathContainer path) {
            return (method == null || method.equals(requestMethod)) && paths.stream().anyMatch(p -> p.matches(path));
        }
    }

    private final List<Rule> rules;

    RateLimitRules(RateLimitProperties properties) {
        rules = List.of(
                // The calls that take credentials or codes; reading /auth/me is an ordinary API call.
                rule("auth", properties.auth(), false, HttpMethod.POST, "/api/v1/auth/**"),
                rule("deployments", properties.deployments(), true, HttpMethod.POST,
                        "/api/v1/projects/*/deployments/**", // also /deployments itself
                        "/api/v1/deployments/*/retry", "/api/v1/deployments/*/rollback",
                        "/api/v1/deployments/*/cancel"),
                rule("analyze", properties.analyze(), true, HttpMethod.POST, "/api/v1/repositories/*/analyze"),
                rule("api", properties.api(), true, null, "/api/v1/**"));
    }

    Optional<Rule> ruleFor(ServerHttpRequest request) {
        PathContainer path = request.getPath().pathWithinApplication();
        return rules.stream().filter(rule -> rule.matches(request.getMethod(), path)).findFirst();
    }

    private static Rule rule(String name, RateLimitProperties.Limit limit, boolean perUser, HttpMethod method,
            String... paths) {
        return new Rule(name, limit, perUser, method,
                List.of(paths).stream().map(PathPatternParser.defaultInstance::parse).toList());
    }
}
