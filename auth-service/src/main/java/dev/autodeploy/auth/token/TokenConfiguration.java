package dev.autodeploy.auth.token;

import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.autodeploy.auth.AuthProperties;
import dev.autodeploy.support.security.JwtProperties;
import dev.autodeploy.support.security.ResourceServerConfiguration;
import dev.autodeploy.vault.TokenVault;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Signing keys, the access-token issuer, and the decoder auth-service checks its own tokens with:
 * straight against its key table rather than over HTTP, RS256 only, same validators as every service.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AuthProperties.class, ServiceClientProperties.class })
class TokenConfiguration {

    @Bean
    SigningKeys signingKeys(SigningKeyRepository repository, TokenVault vault, TransactionTemplate transactions,
            AuthProperties properties, JwtProperties jwt, Clock clock) {
        return new SigningKeys(repository, vault, transactions, properties, jwt.clockSkew(), clock);
    }

    @Bean
    AccessTokens accessTokens(SigningKeys keys, JwtProperties jwt, AuthProperties properties, Clock clock) {
        return new AccessTokens(keys, jwt, properties, clock);
    }

    @Bean
    ServiceClients serviceClients(ServiceClientProperties properties) {
        return new ServiceClients(properties);
    }

    @Bean
    JwtDecoder jwtDecoder(SigningKeys keys, JwtProperties jwt) {
        JWKSource<SecurityContext> source = (selector, context) -> {
            List<JWK> found = selector.select(keys.published());
            return found.isEmpty() ? selector.select(keys.reloadPublished()) : found;
        };
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, source));
        // Claims are checked by Spring's validators below, the same set every service applies.
        processor.setJWTClaimsSetVerifier((claims, context) -> {
        });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(ResourceServerConfiguration.validators(jwt));
        return decoder;
    }
}
