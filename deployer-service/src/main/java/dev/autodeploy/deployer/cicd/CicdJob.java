package dev.autodeploy.deployer.cicd;

import java.util.Map;
import java.util.UUID;

/** STAND-IN until the lead's foundation lands. */
public record CicdJob(UUID id, UUID providerId, UUID projectId, UUID environmentId, String externalName,
        String externalUrl, Map<String, Object> configuration) {
}
