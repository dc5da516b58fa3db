package dev.autodeploy.deployer.target;

import java.util.Map;
import java.util.UUID;

/**
 * Everything a target needs to build and run one deployment.
 *
 * @param rootDirectory the app's directory in the repository ({@code ""} for the root)
 * @param variables the environment's variables, secrets decrypted: handed over only here, at deploy time,
 *     and never to be logged
 */
public record DeploymentContext(UUID deploymentId, TargetEnvironment environment, String repositoryUrl,
        String branch, String commitSha, String rootDirectory, BuildSettings build, Map<String, String> variables) {

    public DeploymentContext {
        variables = Map.copyOf(variables);
    }

    @Override
    public String toString() {
        // never the variables: secrets are among them
        return "DeploymentContext[" + deploymentId + " " + environment.projectSlug() + "/"
                + environment.environmentName() + " @" + commitSha + "]";
    }
}
