package dev.autodeploy.monitor.logs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LogProperties.class)
@EnableScheduling
class LogsConfiguration {
}
