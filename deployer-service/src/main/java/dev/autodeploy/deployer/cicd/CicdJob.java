package dev.autodeploy.deployer.cicd;

import java.util.Map;
import java.util.UUID;

/**
 * A job (Jenkins job, workflow, pipeline) a provider holds for one project environment (seed 002's
 * {@code cicd_jobs}).
 *
 * @param externalName the provider's name for it (a job's full path, a workflow file, a project path)
 * @param configuration what the target generated or chose for it (pipeline checksum, folder, parameters)
 */
public record CicdJob(UUID id, UUID providerId, UUID projectId, UUID environmentId, String externalName,
        String externalUrl, Map<String, Object> configuration) {

    public CicdJob {
        configuration = Map.copyOf(configuration);
    }
}
