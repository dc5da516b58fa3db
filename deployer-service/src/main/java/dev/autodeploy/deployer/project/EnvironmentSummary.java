package dev.autodeploy.deployer.project;

import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.target.TargetEnvironment;

/**
 * An environment as other features of the deployer see it, with its project.
 *
 * @param branch the branch deployed by default (production: the project's production branch)
 * @param currentDeploymentId the deployment whose release the environment serves, if any
 */
public record EnvironmentSummary(UUID id, ProjectSummary project, String name, String kind, String branch,
        String target, Map<String, String> settings, boolean autoDeploy, long variablesVersion,
        UUID currentDeploymentId) {

    public EnvironmentSummary {
        settings = Map.copyOf(settings);
    }

    public UUID organizationId() {
        return project.organizationId();
    }

    public TargetEnvironment asTarget() {
        return new TargetEnvironment(project.organizationId(), project.id(), project.slug(), id, name, settings);
    }
}
