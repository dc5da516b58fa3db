package dev.autodeploy.deployer.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of the deployment endpoints. */
final class DeploymentApi {

    static final String ENVIRONMENT = "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?";
    static final String BRANCH = "(?!-)(?!.*\\.\\.)(?!.*//)[A-Za-z0-9._/+-]{1,255}(?<![./])";
    static final String COMMIT = "[0-9a-f]{40}|[0-9a-f]{64}";

    private DeploymentApi() {
    }

    /**
     * {@code POST /api/v1/projects/{id}/deployments}: deploys {@code commitSha}, or the head of {@code branch}
     * (by default the environment's branch) as it is now, to {@code environment} (default production).
     * {@code provisionDatabase} creates the environment's Postgres database first when it has none. A commit
     * blocked in the environment (rolled back from) is refused ({@code 409 commit-blocked}) unless {@code force}.
     */
    record CreateDeployment(@Pattern(regexp = ENVIRONMENT, message = "is not an environment name") String environment,
            @Pattern(regexp = BRANCH, message = "is not a branch name") String branch,
            @Pattern(regexp = COMMIT, message = "must be a full commit id (40 or 64 lower-case hex digits)")
            String commitSha, Boolean provisionDatabase, Boolean force) {

        CreateDeployment(String environment, String branch, String commitSha, Boolean provisionDatabase) {
            this(environment, branch, commitSha, provisionDatabase, null);
        }
    }

    /**
     * {@code POST /api/v1/projects/{id}/deployments/rollback}: the newest ready deployment of that commit. Every
     * rollback runs with the variables of the release it goes back to, unless {@code keepCurrentVariables}.
     */
    record RollbackToCommit(@NotBlank @Pattern(regexp = "[0-9a-f]{7,64}", message = "must be 7 to 64 hex digits")
            String commitSha,
            @Pattern(regexp = ENVIRONMENT, message = "is not an environment name") String environment,
            Boolean keepCurrentVariables) {

        RollbackToCommit(String commitSha, String environment) {
            this(commitSha, environment, null);
        }
    }

    /** {@code POST /api/v1/projects/{id}/deployments/rollback/last-success}. */
    record RollbackToLastSuccess(
            @Pattern(regexp = ENVIRONMENT, message = "is not an environment name") String environment,
            Boolean keepCurrentVariables) {

        RollbackToLastSuccess(String environment) {
            this(environment, null);
        }
    }

    /** {@code POST /api/v1/deployments/{id}/rollback}'s optional body. */
    record RollbackOptions(Boolean keepCurrentVariables) {
    }

    /**
     * {@code PATCH /api/v1/deployments/{id}/status}: a CI system's report. {@code status} is ours or seed 000's
     * ({@code running, success, failed, canceled}); {@code metadata} is merged into the deployment's.
     */
    record StatusReport(@Size(max = 40) String status, @Size(max = 2000) String reason,
            @Size(max = 2048) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
            Map<String, Object> metadata) {
    }

    record ProjectRef(UUID id, String name, String slug) {
    }

    record StepView(String name, String status, Instant startedAt, Instant finishedAt, Long duration,
            Integer estimatedDuration, String error, int attempts) {
    }

    /**
     * A deployment. Durations in seconds; {@code estimatedDuration} is the sum of its steps' estimates;
     * {@code children} (retries and rollbacks of it) only on a single deployment; {@code approval} when the
     * deployment needed approval (on a single one, or in a listing while it waits).
     */
    record DeploymentView(UUID id, ProjectRef project, UUID organizationId, String environment, UUID environmentId,
            String action, UUID parentId, List<UUID> children, String status, String statusReason, String target,
            String repositoryUrl, String branch, String commitSha, String commitMessage, Instant commitTime,
            String url, Map<String, String> buildConfiguration, long variablesVersion, Integer estimatedDuration,
            List<StepView> steps, Map<String, Object> metadata, boolean cancelRequested, int attempts,
            UUID triggeredBy, Instant createdAt, Instant startedAt, Instant finishedAt, Long duration,
            DeploymentGuard.Approval approval) {
    }
}
