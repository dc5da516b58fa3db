package dev.autodeploy.deployer.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.deployer.envvar.VariableStore;
import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.vault.TokenVault;
import org.springframework.stereotype.Component;

/**
 * Puts together what a target gets for a deployment: its commit and build configuration as recorded, its
 * environment, the environment's variables decrypted (only here, at deploy time), the checkout, and the CI
 * callback token. Also answers targets' questions about deployments whose releases they run.
 */
@Component
class DeploymentContexts implements DeploymentLookup {

    /** Metadata of a rollback asked to run with the environment's variables of today, not its release's. */
    static final String KEEP_CURRENT_VARIABLES = "keepCurrentVariables";

    private final DeploymentStore store;
    private final ProjectRegistry projects;
    private final VariableStore variables;
    private final SourceCheckouts sources;
    private final DeploymentLogs logs;
    private final TokenVault vault;
    private final ReleaseHistory history;

    DeploymentContexts(DeploymentStore store, ProjectRegistry projects, VariableStore variables, SourceCheckouts sources,
            DeploymentLogs logs, TokenVault vault, ReleaseHistory history) {
        this.history = history;
        this.store = store;
        this.projects = projects;
        this.variables = variables;
        this.sources = sources;
        this.logs = logs;
        this.vault = vault;
    }

    /** A context and the secret values in it (to be masked in logs). */
    record Prepared(DeploymentContext context, Set<String> secrets) {

        @Override
        public String toString() {
            return "Prepared[" + context + "]";
        }
    }

    Prepared prepare(Deployment deployment, EnvironmentSummary environment) {
        VariableStore.Resolved resolved = variables(deployment, environment);
        Path source = sources.directory(deployment.id());
        DeploymentContext context = new DeploymentContext(deployment.id(), environment.asTarget(),
                deployment.repositoryUrl(), deployment.branch(), deployment.commitSha(), deployment.commitTime(),
                deployment.rootDirectory(), Files.isDirectory(source) ? source : null, deployment.build(),
                resolved.values(), resolved.secretKeys(), resolved.version(), callbackToken(deployment));
        return new Prepared(context, resolved.secretValues());
    }

    @Override
    public Optional<DeploymentContext> context(UUID deploymentId) {
        return store.find(deploymentId).flatMap(deployment -> projects.environment(deployment.environmentId())
                .map(environment -> {
                    Prepared prepared = prepare(deployment, environment);
                    log(deployment, prepared.secrets());
                    return prepared.context();
                }));
    }

    @Override
    public LogSink logs(UUID deploymentId) {
        Deployment deployment = store.find(deploymentId)
                .orElseThrow(() -> new IllegalArgumentException("No deployment " + deploymentId));
        Set<String> secrets = projects.environment(deployment.environmentId())
                .map(environment -> variables(deployment, environment).secretValues()).orElse(Set.of());
        return log(deployment, secrets);
    }

    /**
     * The variables the deployment runs with, as captured when it started: a rollback's are its release's (unless
     * it was asked to keep today's), any other deployment's the environment's at its start.
     */
    private VariableStore.Resolved variables(Deployment deployment, EnvironmentSummary environment) {
        boolean keep = Boolean.TRUE.equals(deployment.metadata().get(KEEP_CURRENT_VARIABLES));
        return history.variables(new ReleaseHistory.Starting(deployment.id(), environment.id(), deployment.action(),
                Deployment.ROLLBACK.equals(deployment.action()) ? deployment.parentId() : null, keep,
                deployment.build().asMap(), sources.directory(deployment.id())),
                () -> variables.forDeployment(environment.id()));
    }

    DeploymentLog log(Deployment deployment, Set<String> secrets) {
        return logs.open(deployment.id(), deployment.organizationId(), deployment.logSequence(), secrets);
    }

    String callbackToken(Deployment deployment) {
        return deployment.callbackToken() == null ? null
                : vault.decrypt(deployment.callbackToken(), tokenContext(deployment.id()));
    }

    static String tokenContext(UUID deploymentId) {
        return "deployment-callback:" + deploymentId;
    }
}
