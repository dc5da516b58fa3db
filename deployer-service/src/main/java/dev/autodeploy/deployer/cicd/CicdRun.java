package dev.autodeploy.deployer.cicd;

import java.util.UUID;

/**
 * The external run (build number, workflow run id, pipeline id) that carried out a deployment (seed 002's
 * {@code deployment_cicd_mappings}); {@code externalId} may be a queue item's until the run has its own.
 */
public record CicdRun(UUID deploymentId, UUID jobId, String externalId, String externalUrl, String externalStatus) {
}
