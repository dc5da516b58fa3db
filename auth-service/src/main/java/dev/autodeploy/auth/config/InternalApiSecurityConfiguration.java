package dev.autodeploy.auth.config;

import dev.autodeploy.auth.token.AccessTokens;
import dev.autodeploy.support.security.ResourceServerConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * {@code /internal/**} is for other services, never for users: every request but the one that
 * obtains a service token needs a token whose subject is {@code service:<name>} and whose scope is
 * {@code internal}, verified by the same decoder as user tokens. A user's token gets 403, no token
 * 401. This chain runs before service-support's {@code apiSecurity}, which covers everything else.
 */
@Configuration(proxyBeanMethods = false)
class InternalApiSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain internalApiSecurity(HttpSecurity http) throws Exception {
        ResourceServerConfiguration.bearerTokensOnly(http)
                .securityMatcher("/internal/**")
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/internal/v1/service-tokens").permitAll()
                        .anyRequest().access(serviceWithInternalScope()));
        return http.build();
    }

    private static AuthorizationManager<RequestAuthorizationContext> serviceWithInternalScope() {
        return (authentication, context) -> {
            if (!(authentication.get() instanceof JwtAuthenticationToken token)) {
                return new AuthorizationDecision(false);
            }
            String subject = token.getToken().getSubject();
            boolean internal = token.getAuthorities().stream()
                    .anyMatch(authority -> ("SCOPE_" + AccessTokens.INTERNAL_SCOPE).equals(authority.getAuthority()));
            return new AuthorizationDecision(internal && subject != null
                    && subject.startsWith(AccessTokens.SERVICE_SUBJECT_PREFIX));
        };
    }
}
