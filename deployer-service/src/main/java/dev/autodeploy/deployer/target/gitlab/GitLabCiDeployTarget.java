package dev.autodeploy.deployer.target.gitlab;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.cicd.CicdJob;
import dev.autodeploy.deployer.cicd.CicdJobs;
import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderUnavailable;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.FollowedRuns;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.deployer.target.HealthReport;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.deployer.target.Release;
import dev.autodeploy.deployer.target.TargetEnvironment;
import dev.autodeploy.deployer.target.TargetStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The {@code gitlab-ci} target: a deployment is a pipeline of the user's own GitLab project (its
 * {@code .gitlab-ci.yml} builds and deploys; AutoDeploy generates no YAML). Deploying creates a pipeline on the
 * environment's ref with AutoDeploy's variables ({@code AUTODEPLOY_DEPLOYMENT_ID}, {@code AUTODEPLOY_COMMIT_SHA},
 * {@code AUTODEPLOY_ENVIRONMENT}, and the environment's variables only as far as {@code passVariables} allows),
 * records it, and follows it to the end — status, jobs and their logs as they grow — ending ready when it
 * succeeds and in error naming the failed job when not. After a crash the deployment's next attempt follows the
 * pipeline it recorded instead of starting another. Cancelling cancels the pipeline.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.gitlab-ci", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(GitLabCiProperties.class)
class GitLabCiDeployTarget implements DeployTarget {

    static final String ID = "gitlab-ci";
    private static final Logger log = LoggerFactory.getLogger(GitLabCiDeployTarget.class);
    private static final Pattern VARIABLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    private static final String OWN_PREFIX = "AUTODEPLOY_";

    private final CicdConnections connections;
    private final CicdJobs jobs;
    private final CicdRuns runs;
    private final GitLabClients clients;
    private final ObjectProvider<DeploymentLookup> lookup;
    private final GitLabCiProperties properties;
    private final Clock clock;
    private final FollowedRuns operations;

    GitLabCiDeployTarget(CicdConnections connections, CicdJobs jobs, CicdRuns runs, GitLabClients clients,
            ObjectProvider<DeploymentLookup> lookup,
            GitLabCiProperties properties, FollowedRuns operations, Clock clock) {
        this.connections = connections;
        this.operations = operations;
        this.jobs = jobs;
        this.runs = runs;
        this.clients = clients;
        this.lookup = lookup;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void checkSettings(Map<String, String> settings) {
        GitLabTargetSettings.parse(settings);
    }

    /** Remembers the environment's GitLab project as its CI job (checking the token can see the project). */
    @Override
    public void create(TargetEnvironment environment) throws DeployFailure {
        GitLabTargetSettings settings = GitLabTargetSettings.parse(environment.settings());
        CicdConnection connection = connection(settings, environment.organizationId());
        GitLabProject project = provider(connection, "read the project '" + settings.project() + "'",
                () -> clients.client(connection).project(settings.project()));
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("projectId", project.id());
        if (settings.ref() != null) {
            configuration.put("ref", settings.ref());
        }
        jobs.save(settings.providerId(), environment.projectId(), environment.environmentId(),
                project.pathWithNamespace(), project.webUrl(), configuration);
    }

    /** Nothing to build here: the pipeline builds the commit; the release just names it. */
    @Override
    public Release build(DeploymentContext deployment, LogSink logs) {
        logs.info("GitLab CI builds commit " + shortSha(deployment.commitSha()) + " in the project's pipeline");
        return release(deployment, deployment.deploymentId());
    }

    /** A rollback runs a pipeline for the earlier commit again: there is nothing kept to reuse but its name. */
    @Override
    public Optional<Release> reuse(DeploymentContext deployment, UUID builtBy) {
        return deployment.commitSha() == null ? Optional.empty() : Optional.of(release(deployment, builtBy));
    }

    private static Release release(DeploymentContext deployment, UUID builtBy) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (deployment.commitSha() != null) {
            attributes.put("commitSha", deployment.commitSha());
        }
        return new Release(builtBy, "commit:" + deployment.commitSha(), null, attributes);
    }

    @Override
    public Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure {
        UUID id = deployment.deploymentId();
        FollowedRuns.Run operation = operations.follow(id, deployment.environment().environmentId());
        try {
            GitLabTargetSettings settings = GitLabTargetSettings.parse(deployment.environment().settings());
            CicdConnection connection = connection(settings, deployment.environment().organizationId());
            GitLabClient client = clients.client(connection);
            GitLabPipeline pipeline = attachOrStart(client, connection, settings, deployment, logs);
            return follow(client, connection, settings, deployment, pipeline, operation, logs);
        }
        finally {
            operations.finished(id, operation);
        }
    }

    private GitLabPipeline attachOrStart(GitLabClient client, CicdConnection connection,
            GitLabTargetSettings settings, DeploymentContext deployment, LogSink logs) throws DeployFailure {
        String project = settings.project();
        Optional<CicdRun> recorded = runs.find(deployment.deploymentId()).filter(run -> run.externalId() != null);
        if (recorded.isPresent()) {
            long pipelineId = Long.parseLong(recorded.get().externalId());
            logs.info("Following GitLab pipeline #" + pipelineId + " again (an earlier attempt started it)");
            return provider(connection, "read pipeline #" + pipelineId, () -> client.pipeline(project, pipelineId));
        }
        String ref = settings.ref() != null ? settings.ref() : deployment.branch();
        if (ref == null) {
            ref = provider(connection, "read the project '" + project + "'", () -> client.project(project))
                    .defaultBranch();
            if (ref == null) {
                throw DeployFailure.failed("The GitLab project '" + project + "' has no default branch; set the"
                        + " environment's ref.");
            }
        }
        String triggerToken = triggerToken(deployment, settings);
        Map<String, String> pipelineVariables = pipelineVariables(deployment, settings, logs);
        String onRef = ref;
        GitLabPipeline pipeline = provider(connection, "start a pipeline on '" + ref + "' in '" + project + "'",
                () -> triggerToken == null || triggerToken.isBlank()
                        ? client.createPipeline(project, onRef, pipelineVariables)
                        : client.triggerPipeline(project, triggerToken, onRef, pipelineVariables));
        CicdJob job = jobs.find(settings.providerId(), deployment.environment().environmentId())
                .orElseGet(() -> jobs.save(settings.providerId(), deployment.environment().projectId(),
                        deployment.environment().environmentId(), project, null, Map.of()));
        runs.record(deployment.deploymentId(), job.id(), String.valueOf(pipeline.id()), pipeline.webUrl(),
                pipeline.status());
        logs.info("Started GitLab pipeline #" + pipeline.id() + " on " + ref
                + (pipeline.webUrl() == null ? "" : ": " + pipeline.webUrl()));
        if (deployment.commitSha() != null && pipeline.sha() != null
                && !pipeline.sha().equals(deployment.commitSha())) {
            logs.warn("GitLab runs " + ref + " at " + shortSha(pipeline.sha()) + ", not the deployed commit "
                    + shortSha(deployment.commitSha()) + " (the branch moved on); the pipeline has"
                    + " AUTODEPLOY_COMMIT_SHA to check out the deployed one");
        }
        return pipeline;
    }

    /**
     * The pipeline trigger token, when the environment names the secret variable holding one: a secret variable is
     * stored encrypted and masked in logs, and a trigger token belongs to one GitLab project, as an environment does.
     */
    private String triggerToken(DeploymentContext deployment, GitLabTargetSettings settings) throws DeployFailure {
        String name = settings.triggerTokenVariable();
        if (name == null) {
            return null;
        }
        String token = deployment.variables().get(name);
        if (token == null || token.isBlank()) {
            throw DeployFailure.failed("The environment has no variable " + name + " (triggerTokenVariable) holding"
                    + " the GitLab pipeline trigger token.");
        }
        if (!deployment.secretKeys().contains(name)) {
            throw DeployFailure.failed("The variable " + name + " holding the GitLab pipeline trigger token must be"
                    + " a secret variable (stored encrypted, masked in logs).");
        }
        return token;
    }

    /** AutoDeploy's variables, and the environment's as far as {@code passVariables} lets them go to GitLab. */
    private Map<String, String> pipelineVariables(DeploymentContext deployment, GitLabTargetSettings settings,
            LogSink logs) {
        Map<String, String> passed = new LinkedHashMap<>();
        if (settings.passVariables() != GitLabTargetSettings.PassVariables.NONE) {
            // secret as in the set the deployment runs with (a rollback's: its release's), not as today
            Set<String> secretKeys = settings.passVariables() == GitLabTargetSettings.PassVariables.ALL ? Set.of()
                    : deployment.secretKeys();
            Set<String> secretsLeftOut = new TreeSet<>();
            Set<String> invalid = new TreeSet<>();
            deployment.variables().forEach((key, value) -> {
                if (key.equals(settings.triggerTokenVariable())) {
                    return;
                }
                if (!VARIABLE_KEY.matcher(key).matches() || key.startsWith(OWN_PREFIX)) {
                    invalid.add(key);
                }
                else if (secretKeys.contains(key)) {
                    secretsLeftOut.add(key);
                }
                else {
                    passed.put(key, value);
                }
            });
            if (!secretsLeftOut.isEmpty()) {
                logs.info("Secret variables stay out of the pipeline (passVariables is plain): "
                        + String.join(", ", secretsLeftOut));
            }
            if (!invalid.isEmpty()) {
                logs.warn("Variables GitLab cannot take or AutoDeploy's own names, not passed: "
                        + String.join(", ", invalid));
            }
            if (settings.passVariables() == GitLabTargetSettings.PassVariables.ALL && !passed.isEmpty()) {
                logs.warn("passVariables is all: secret values are pipeline variables, which GitLab shows to the"
                        + " project's maintainers");
            }
        }
        passed.put("AUTODEPLOY_DEPLOYMENT_ID", deployment.deploymentId().toString());
        if (deployment.commitSha() != null) {
            passed.put("AUTODEPLOY_COMMIT_SHA", deployment.commitSha());
        }
        passed.put("AUTODEPLOY_ENVIRONMENT", deployment.environment().environmentName());
        return passed;
    }

    private Deployed follow(GitLabClient client, CicdConnection connection, GitLabTargetSettings settings,
            DeploymentContext deployment, GitLabPipeline started, FollowedRuns.Run operation, LogSink logs)
            throws DeployFailure {
        String project = settings.project();
        long pipelineId = started.id();
        Instant deadline = clock.instant().plus(properties.pipelineTimeout());
        GitLabTraceFollower traces = new GitLabTraceFollower();
        GitLabPipeline pipeline = started;
        String reported = null;
        while (true) {
            if (operation.cancelled()) {
                cancelPipeline(client, project, pipelineId, logs);
                throw DeployFailure.cancellation();
            }
            if (!pipeline.status().equals(reported)) {
                runs.status(deployment.deploymentId(), pipeline.status());
                logs.info("GitLab pipeline #" + pipelineId + " is " + pipeline.status());
                reported = pipeline.status();
            }
            List<GitLabJob> pipelineJobs = provider(connection, "list the jobs of pipeline #" + pipelineId,
                    () -> client.jobs(project, pipelineId));
            traces.poll(client, project, pipelineJobs, logs);
            if (pipeline.finished()) {
                return outcome(pipeline, pipelineJobs, settings, operation);
            }
            if (!clock.instant().isBefore(deadline)) {
                cancelPipeline(client, project, pipelineId, logs);
                throw DeployFailure.failed("GitLab pipeline #" + pipelineId + " did not finish within "
                        + properties.pipelineTimeout().toMinutes() + " minutes (last status: " + pipeline.status()
                        + "); it was cancelled");
            }
            if (operation.await(properties.pollInterval())) {
                continue;
            }
            pipeline = provider(connection, "read pipeline #" + pipelineId, () -> client.pipeline(project, pipelineId));
        }
    }

    private static Deployed outcome(GitLabPipeline pipeline, List<GitLabJob> pipelineJobs,
            GitLabTargetSettings settings, FollowedRuns.Run operation) throws DeployFailure {
        String name = "GitLab pipeline #" + pipeline.id();
        switch (pipeline.status()) {
            case "success" -> {
                Map<String, String> attributes = new LinkedHashMap<>();
                attributes.put("pipelineId", String.valueOf(pipeline.id()));
                if (pipeline.webUrl() != null) {
                    attributes.put("pipelineUrl", pipeline.webUrl());
                }
                if (pipeline.sha() != null) {
                    attributes.put("commitSha", pipeline.sha());
                }
                return new Deployed(settings.url(), attributes);
            }
            case "failed" -> {
                Optional<GitLabJob> failed = pipelineJobs.stream()
                        .filter(job -> job.status().equals("failed") && !job.allowFailure()).findFirst();
                throw DeployFailure.failed(failed.map(job -> name + " failed in job '" + job.name() + "' (stage "
                        + job.stage() + ")").orElse(name + " failed"));
            }
            case "canceled" -> {
                if (operation.cancelled()) {
                    throw DeployFailure.cancellation();
                }
                throw DeployFailure.failed(name + " was canceled in GitLab");
            }
            default -> throw DeployFailure.failed(name + " was " + pipeline.status()
                    + " (no job of .gitlab-ci.yml ran for it)");
        }
    }

    private static void cancelPipeline(GitLabClient client, String project, long pipelineId, LogSink logs) {
        try {
            GitLabPipeline cancelled = client.cancel(project, pipelineId);
            logs.warn("Cancelled GitLab pipeline #" + pipelineId + " (now " + cancelled.status() + ")");
        }
        catch (ProviderCallException ex) {
            logs.warn("Could not cancel GitLab pipeline #" + pipelineId + ": " + describe(ex));
        }
    }

    /**
     * Cancels the deployment's pipeline: the running deploy does it (it is woken); when none runs here — another
     * replica follows it, or none does after a crash — the recorded pipeline is cancelled directly.
     */
    @Override
    public void cancel(UUID deploymentId) {
        if (operations.cancel(deploymentId)) {
            return;
        }
        Optional<CicdRun> run = runs.find(deploymentId).filter(recorded -> recorded.externalId() != null
                && !GitLabPipeline.FINISHED.contains(recorded.externalStatus()));
        DeploymentLookup deployments = lookup.getIfAvailable();
        if (run.isEmpty() || deployments == null) {
            return;
        }
        deployments.context(deploymentId).ifPresent(context -> {
            try {
                GitLabTargetSettings settings = GitLabTargetSettings.parse(context.environment().settings());
                CicdConnection connection = connection(settings, context.environment().organizationId());
                cancelPipeline(clients.client(connection), settings.project(),
                        Long.parseLong(run.get().externalId()), deployments.logs(deploymentId));
            }
            catch (DeployFailure | RuntimeException ex) {
                log.warn("Could not cancel the GitLab pipeline of deployment {}: {}", deploymentId, ex.getMessage());
            }
        });
    }

    /** GitLab runs the app wherever the pipeline deployed it: AutoDeploy knows only the configured URL. */
    @Override
    public TargetStatus status(TargetEnvironment environment) {
        String url = environment.settings().get("url");
        return new TargetStatus("unknown", null, url == null || url.isBlank() ? null : url.strip(),
                "Deployed by the GitLab project's pipelines; AutoDeploy does not see what serves it");
    }

    @Override
    public HealthReport health(TargetEnvironment environment) {
        return new HealthReport(false, null, Duration.ZERO,
                "Not probed: the GitLab pipeline deploys the app outside AutoDeploy", clock.instant());
    }

    /** Forgets the environment's job; the GitLab project is the user's and stays as it is. */
    @Override
    public void destroy(TargetEnvironment environment) {
        String providerId = environment.settings().get("providerId");
        if (providerId == null) {
            return;
        }
        try {
            jobs.delete(UUID.fromString(providerId.strip()), environment.environmentId());
        }
        catch (IllegalArgumentException ex) {
            // settings naming no provider never made a job
        }
    }

    private CicdConnection connection(GitLabTargetSettings settings, UUID organizationId) throws DeployFailure {
        return connections.require(settings.providerId(), organizationId, ID);
    }

    /** A call to GitLab as one step of the deployment: its failure said in the user's terms. */
    private <T> T provider(CicdConnection connection, String what, Supplier<T> call)
            throws DeployFailure {
        try {
            T result = call.get();
            connections.markStatus(connection.id(), true);
            return result;
        }
        catch (ProviderUnavailable ex) {
            throw DeployFailure.retryable("GitLab at " + connection.baseUrl().getHost() + " is not answering (its"
                    + " circuit breaker is open); could not " + what);
        }
        catch (ProviderCallException ex) {
            if (ex.status() == 401) {
                connections.markStatus(connection.id(), false);
            }
            String message = "Could not " + what + ": " + describe(ex);
            throw ex.retryable() ? DeployFailure.retryable(message) : DeployFailure.failed(message);
        }
    }

    private static String describe(ProviderCallException ex) {
        return switch (ex.status()) {
            case 0 -> "GitLab did not answer";
            case 400 -> "GitLab refused it (400: check that the ref exists and .gitlab-ci.yml is valid)";
            case 401 -> "GitLab refused the API token (401: expired or revoked?)";
            case 403 -> "the API token may not do this (403: it needs the api scope and at least the Developer role)";
            case 404 -> "GitLab knows no such project or pipeline, or the token cannot see it (404)";
            case 429 -> "GitLab's rate limit held (429)";
            default -> "GitLab answered HTTP " + ex.status();
        };
    }

    private static String shortSha(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }
}
