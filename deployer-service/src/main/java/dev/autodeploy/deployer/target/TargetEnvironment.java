package dev.autodeploy.deployer.target;

import java.util.Map;
import java.util.UUID;

/**
 * An environment as a target sees it.
 *
 * @param settings the environment's target settings (health check path, port, replicas, ...)
 */
public record TargetEnvironment(UUID organizationId, UUID projectId, String projectSlug, UUID environmentId,
        String environmentName, Map<String, String> settings) {

    public TargetEnvironment {
        settings = Map.copyOf(settings);
    }
}
