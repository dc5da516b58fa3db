package dev.autodeploy.deployer.project;

import java.util.UUID;

import dev.autodeploy.deployer.target.BuildSettings;

/** A project as other features of the deployer see it: where its code is and how it is built now. */
public record ProjectSummary(UUID id, UUID organizationId, String name, String slug, UUID repositoryId,
        String repositoryUrl, String productionBranch, String rootDirectory, String framework, BuildSettings build) {
}
