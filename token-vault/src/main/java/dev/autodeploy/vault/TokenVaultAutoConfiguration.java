package dev.autodeploy.vault;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Switches on the {@link TokenVault} backend named by {@code autodeploy.token-vault.backend} (default {@code local}). */
@AutoConfiguration
// An application that brings its own TokenVault needs none of the settings below, so nothing is bound then.
@ConditionalOnMissingBean(TokenVault.class)
@EnableConfigurationProperties(TokenVaultProperties.class)
public class TokenVaultAutoConfiguration {

    private static final String BACKEND = "autodeploy.token-vault.backend";

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = BACKEND, havingValue = "local", matchIfMissing = true)
    @EnableConfigurationProperties(LocalTokenVaultProperties.class)
    static class Local {

        @Bean
        TokenVault tokenVault(LocalTokenVaultProperties properties) {
            return new LocalTokenVault(properties);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = BACKEND, havingValue = "vault")
    @EnableConfigurationProperties(VaultTransitProperties.class)
    static class Vault {

        @Bean
        TokenVault tokenVault(VaultTransitProperties properties) {
            return VaultTransitTokenVault.connect(properties);
        }
    }
}
