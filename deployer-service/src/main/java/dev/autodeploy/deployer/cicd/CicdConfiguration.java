package dev.autodeploy.deployer.cicd;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of provider registrations and provider calls. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ CicdProperties.class, ProviderCallProperties.class })
class CicdConfiguration {
}
