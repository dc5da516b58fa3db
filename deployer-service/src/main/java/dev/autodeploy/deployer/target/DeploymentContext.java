package dev.autodeploy.deployer.target;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Everything a target needs to build and run one deployment.
 *
 * @param rootDirectory the app's directory in the repository ({@code ""} for the root)
 * @param source the checked-out commit the {@code analyze_repository} step left (the repository's root; null
 *     when there is none, e.g. for a rollback that reuses a release); a target may move it away
 * @param variables the environment's variables, secrets decrypted: handed over only here, at deploy time,
 *     and never to be logged
 * @param secretKeys which of {@code variables} are secret (as they were in the set {@code variables} is, which for a
 *     rollback is its release's)
 * @param variablesVersion the version of the environment's variables {@code variables} is
 * @param callbackToken what a CI system presents on {@code PATCH /api/v1/deployments/{id}/status}; a secret
 */
public record DeploymentContext(UUID deploymentId, TargetEnvironment environment, String repositoryUrl,
        String branch, String commitSha, Instant commitTime, String rootDirectory, Path source, BuildSettings build,
        Map<String, String> variables, Set<String> secretKeys, long variablesVersion, String callbackToken) {

    public DeploymentContext {
        variables = Map.copyOf(variables);
        secretKeys = Set.copyOf(secretKeys);
    }

    @Override
    public String toString() {
        // never the variables or the callback token: secrets
        return "DeploymentContext[" + deploymentId + " " + environment.projectSlug() + "/"
                + environment.environmentName() + " @" + commitSha + "]";
    }
}
