package dev.autodeploy.deployer.cicd;

import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Component;

/** STAND-IN until the lead's foundation lands. */
@Component
public class CicdRuns {

    public void record(UUID deploymentId, UUID jobId, String externalId, String externalUrl, String externalStatus) {
        throw new UnsupportedOperationException("stand-in");
    }

    public Optional<CicdRun> find(UUID deploymentId) {
        throw new UnsupportedOperationException("stand-in");
    }

    public Optional<CicdRun> findByExternal(String type, String externalId) {
        throw new UnsupportedOperationException("stand-in");
    }

    public void status(UUID deploymentId, String externalStatus) {
        throw new UnsupportedOperationException("stand-in");
    }
}
