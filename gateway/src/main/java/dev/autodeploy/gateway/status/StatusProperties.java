package dev.autodeploy.gateway.status;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code GET /api/v1/status} checks.
 *
 * @param services service ids looked up in discovery, each instance's {@code /actuator/health} asked
 * @param registryUrl health URL of the discovery server itself, which is not registered in itself
 * @param timeout how long one health call may take before the instance counts as DOWN
 */
@ConfigurationProperties("autodeploy.status")
public record StatusProperties(
        @DefaultValue({ "config-server", "auth-service", "analyzer-service", "deployer-service", "monitor-service" })
        List<String> services,
        URI registryUrl,
        @DefaultValue("2s") Duration timeout) {
}
