package dev.autodeploy.deployer.project;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the project and environment endpoints. */
final class ProjectApi {

    static final String SLUG = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    static final String SLUG_MESSAGE = "must be lower-case letters, digits and inner hyphens (at most 63)";
    /** A relative path inside the repository: no leading slash, no {@code ..}, no backslashes. */
    static final String DIRECTORY = "^(?!/)(?!.*(^|/)\\.\\.(/|$))[A-Za-z0-9._/@+-]*$";
    static final String BRANCH = "(?!-)[A-Za-z0-9._/+-]{1,255}";

    private ProjectApi() {
    }

    /**
     * {@code POST /api/v1/projects}: a project from an analyzed repository of the organization. Name, slug,
     * branch and directory default to what the repository and its analysis say; {@code buildConfiguration}
     * overrides detected values (a {@code null} value means "none").
     */
    record CreateProject(@NotNull UUID organizationId, @NotNull UUID repositoryId, @Size(min = 1, max = 100) String name,
            @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String slug, @Size(max = 2000) String description,
            @Pattern(regexp = BRANCH, message = "is not a branch name") String productionBranch,
            @Size(max = 500) @Pattern(regexp = DIRECTORY, message = "must be a relative path inside the repository")
            String rootDirectory,
            Map<String, String> buildConfiguration) {
    }

    /**
     * {@code PUT /api/v1/projects/{id}}: what is given changes, what is absent stays. {@code buildConfiguration}
     * entries become overrides ({@code null}: "none"); {@code resetBuildConfiguration} drops every override first.
     */
    record UpdateProject(@Size(min = 1, max = 100) String name, @Size(max = 2000) String description,
            @Pattern(regexp = BRANCH, message = "is not a branch name") String productionBranch,
            @Size(max = 500) @Pattern(regexp = DIRECTORY, message = "must be a relative path inside the repository")
            String rootDirectory,
            Map<String, String> buildConfiguration, Boolean resetBuildConfiguration) {

        boolean reset() {
            return Boolean.TRUE.equals(resetBuildConfiguration);
        }
    }

    record RepositoryRef(UUID id, String url) {
    }

    /** The analysis the detected configuration comes from. */
    record AnalysisRef(UUID id, String commitSha, String branch, Instant analyzedAt) {
    }

    record ProjectView(UUID id, UUID organizationId, String name, String slug, String description,
            RepositoryRef repository, String productionBranch, String rootDirectory, String framework,
            Map<String, String> buildConfiguration, Map<String, String> detectedBuildConfiguration,
            Map<String, String> buildOverrides, AnalysisRef latestAnalysis, String status,
            List<EnvironmentView> environments, UUID createdBy, Instant createdAt, Instant updatedAt) {
    }

    /** {@code POST /api/v1/projects/{id}/environments}. Target defaults to the platform's default target. */
    record CreateEnvironment(@NotNull @Pattern(regexp = SLUG, message = SLUG_MESSAGE) String name,
            @Pattern(regexp = "preview|custom", message = "must be preview or custom (a project has one production)")
            String kind,
            @Pattern(regexp = BRANCH, message = "is not a branch name") String branch,
            @Size(max = 40) String target, Map<String, String> settings, Boolean autoDeploy) {
    }

    /** {@code PUT /api/v1/projects/{id}/environments/{name}}: what is given changes; {@code settings} replaces all. */
    record UpdateEnvironment(@Pattern(regexp = BRANCH, message = "is not a branch name") String branch,
            @Size(max = 40) String target, Map<String, String> settings, Boolean autoDeploy) {
    }

    record EnvironmentView(UUID id, String name, String kind, String branch, String target,
            Map<String, String> settings, boolean autoDeploy, UUID currentDeploymentId, String url,
            long variablesVersion, Instant createdAt, Instant updatedAt) {
    }
}
