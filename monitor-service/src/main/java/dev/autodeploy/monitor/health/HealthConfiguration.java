package dev.autodeploy.monitor.health;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Health checks of live deployments: settings and the scheduled check rounds. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(HealthProperties.class)
class HealthConfiguration {
}
