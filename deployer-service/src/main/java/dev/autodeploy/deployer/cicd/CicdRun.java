package dev.autodeploy.deployer.cicd;

import java.util.UUID;

/** STAND-IN until the lead's foundation lands. */
public record CicdRun(UUID deploymentId, UUID jobId, String externalId, String externalUrl, String externalStatus) {
}
