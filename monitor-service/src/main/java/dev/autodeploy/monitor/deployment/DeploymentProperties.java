package dev.autodeploy.monitor.deployment;

import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What the monitor knows of the deployer's deployments ({@code autodeploy.monitor.deployment}).
 *
 * @param steps the steps every deployment goes through, in order, as the deployer names them on its events
 */
@Validated
@ConfigurationProperties("autodeploy.monitor.deployment")
public record DeploymentProperties(@NotEmpty List<String> steps) {
}
