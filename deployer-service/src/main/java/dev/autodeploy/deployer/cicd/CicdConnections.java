package dev.autodeploy.deployer.cicd;

import java.util.UUID;

import dev.autodeploy.deployer.target.DeployFailure;
import org.springframework.stereotype.Component;

/** STAND-IN until the lead's foundation lands. */
@Component
public class CicdConnections {

    public CicdConnection require(UUID providerId, UUID organizationId) throws DeployFailure {
        throw DeployFailure.failed("stand-in");
    }

    public void markStatus(UUID providerId, boolean ok) {
    }
}
