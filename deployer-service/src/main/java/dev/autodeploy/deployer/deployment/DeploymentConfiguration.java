package dev.autodeploy.deployer.deployment;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Deployment settings, and the schedules of the workers' heartbeat and the sweeper. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties({ DeploymentProperties.class, LogProperties.class })
class DeploymentConfiguration {
}
