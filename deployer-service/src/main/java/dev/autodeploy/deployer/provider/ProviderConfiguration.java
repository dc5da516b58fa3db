package dev.autodeploy.deployer.provider;

import dev.autodeploy.support.provider.ProviderProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds and validates the provider catalog every service shares ({@code autodeploy.providers}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProviderProperties.class)
class ProviderConfiguration {
}
