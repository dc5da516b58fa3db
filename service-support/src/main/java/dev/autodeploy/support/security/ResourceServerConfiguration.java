package dev.autodeploy.support.security;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Every service is a resource server too (the gateway's check is not the only one): {@code /api/**}
 * needs an RS256 access token from auth-service with the platform's issuer and audience, except the
 * paths a service declares public; operational endpoints stay open. Stateless, no sessions, no CSRF
 * (no cookies are used), errors as problems.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
@ConditionalOnClass({ SecurityFilterChain.class, JwtDecoder.class })
@EnableConfigurationProperties(JwtProperties.class)
public class ResourceServerConfiguration {

    /** The validators every decoder applies: signature aside, time, issuer and audience. */
    public static OAuth2TokenValidator<Jwt> validators(JwtProperties properties) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(properties.clockSkew()));
        validators.add(new JwtIssuerValidator(properties.issuer()));
        validators.add(new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                audience -> audience != null && audience.contains(properties.audience())));
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.SUB, subject -> subject != null));
        return new DelegatingOAuth2TokenValidator<>(validators);
    }

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, JwtProperties properties) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(resourceServer.getJwt().getJwkSetUri())
                .jwsAlgorithm(SignatureAlgorithm.RS256).build();
        decoder.setJwtValidator(validators(properties));
        return decoder;
    }

    /**
     * What every security chain of a service shares: stateless, bearer tokens checked by the
     * {@link JwtDecoder} bean, no sessions, CSRF, basic or form login, and refusals (401, 403) as
     * problems. A chain adds its own {@code authorizeHttpRequests} (and {@code securityMatcher}).
     */
    public static HttpSecurity bearerTokensOnly(HttpSecurity http) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        return http.csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .oauth2ResourceServer(server -> server.jwt(jwt -> {
                })
                        .authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(problems.unauthorized())
                        .accessDeniedHandler(problems.forbidden()));
    }

    /**
     * Backs off only for a service's own {@code apiSecurity}: a service may add narrower chains
     * (a {@code securityMatcher} with a higher precedence, e.g. for {@code /internal/**}) beside this one.
     */
    @Bean
    @ConditionalOnMissingBean(name = "apiSecurity")
    SecurityFilterChain apiSecurity(HttpSecurity http, JwtProperties properties) throws Exception {
        bearerTokensOnly(http).authorizeHttpRequests(requests -> {
            // "GET /api/v1/x/*" opens one method, "/api/v1/y/**" every method.
            for (String entry : properties.publicPaths()) {
                String[] parts = entry.trim().split("\\s+", 2);
                if (parts.length == 2) {
                    requests.requestMatchers(HttpMethod.valueOf(parts[0]), parts[1]).permitAll();
                }
                else {
                    requests.requestMatchers(parts[0]).permitAll();
                }
            }
            // The public API is for people: a service token (sub "service:<name>") is for /internal only.
            requests.requestMatchers("/api/**").access((authentication, context) ->
                    new AuthorizationDecision(isUser(authentication.get()))).anyRequest().permitAll();
        });
        return http.build();
    }

    private static boolean isUser(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && authentication.getPrincipal() instanceof Jwt jwt && !jwt.getSubject().startsWith("service:");
    }
}
