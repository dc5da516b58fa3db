package dev.autodeploy.gateway.security;

import java.time.Clock;

import io.netty.channel.ChannelOption;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

import dev.autodeploy.gateway.problem.ProblemResponseWriter;
import dev.autodeploy.gateway.web.WebAppProperties;

/**
 * The gateway as an OAuth2 resource server: a stateless API where every {@code /api/**} request
 * outside {@link EdgePaths#PUBLIC} carries an RS256 access token from auth-service, checked against
 * its JWKS, issuer, audience and lifetime. The {@code Authorization} header travels on to the
 * services, which check it again.
 */
@Configuration(proxyBeanMethods = false)
class EdgeSecurityConfiguration {

    @Bean
    SecurityWebFilterChain edgeSecurityFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder jwtDecoder,
            CorsConfigurationSource cors, ProblemResponseWriter problems, WebAppProperties webApp) {
        ProblemAuthenticationEntryPoint unauthorized = new ProblemAuthenticationEntryPoint(problems);
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .cors(spec -> spec.configurationSource(cors))
                // The dashboard is served from here: scripts and connections only to this origin.
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(webApp.contentSecurityPolicy()))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges
                        .matchers(EdgePaths.PUBLIC, EdgePaths.STREAMS).permitAll()
                        .pathMatchers(EdgePaths.PROTECTED).authenticated()
                        // the web dashboard's static files
                        .anyExchange().permitAll())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(unauthorized))
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .bearerTokenConverter(new EdgeBearerTokenConverter())
                        .authenticationEntryPoint(unauthorized)
                        .jwt(jwt -> jwt.jwtDecoder(jwtDecoder)))
                .build();
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(JwtProperties properties, WebClient.Builder http, Clock clock) {
        HttpClient jwksClient = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.jwksTimeout().toMillis())
                .responseTimeout(properties.jwksTimeout());
        // Only RS256: alg=none, HS256 (also with our public key as the HMAC secret) and the rest are refused.
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(properties.jwksUrl().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .webClient(http.clientConnector(new ReactorClientHttpConnector(jwksClient)).build())
                .build();
        JwtTimestampValidator lifetime = new JwtTimestampValidator(properties.clockSkew());
        lifetime.setClock(clock);
        lifetime.setAllowEmptyExpiryClaim(false);
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(
                lifetime,
                new JwtIssuerValidator(properties.issuer()),
                new JwtAudienceValidator(properties.audience()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, subject -> subject != null && !subject.isBlank())));
        return decoder;
    }
}
