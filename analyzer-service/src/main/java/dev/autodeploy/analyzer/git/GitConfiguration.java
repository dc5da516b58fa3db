package dev.autodeploy.analyzer.git;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Git settings ({@code autodeploy.analyzer.git}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GitProperties.class)
class GitConfiguration {
}
