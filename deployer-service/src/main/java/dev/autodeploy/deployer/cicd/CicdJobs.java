package dev.autodeploy.deployer.cicd;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** STAND-IN until the lead's foundation lands. */
@Component
public class CicdJobs {

    public Optional<CicdJob> find(UUID providerId, UUID environmentId) {
        throw new UnsupportedOperationException("stand-in");
    }

    public CicdJob save(UUID providerId, UUID projectId, UUID environmentId, String externalName, String externalUrl,
            Map<String, Object> configuration) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void delete(UUID providerId, UUID environmentId) {
        throw new UnsupportedOperationException("stand-in");
    }
}
