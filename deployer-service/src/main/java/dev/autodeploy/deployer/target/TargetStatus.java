package dev.autodeploy.deployer.target;

import java.util.UUID;

/**
 * The environment's serving release as the target sees it.
 *
 * @param state {@code serving}, {@code stopped} or {@code unknown}
 * @param deploymentId the deployment whose release is served, when one is
 */
public record TargetStatus(String state, UUID deploymentId, String url, String detail) {
}
