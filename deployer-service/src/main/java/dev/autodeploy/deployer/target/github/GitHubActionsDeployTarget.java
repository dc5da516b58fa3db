package dev.autodeploy.deployer.target.github;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.cicd.CicdJob;
import dev.autodeploy.deployer.cicd.CicdJobs;
import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.cicd.ProviderCallException;
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
 * The {@code github-actions} target: a deployment dispatches the environment's workflow ({@code workflow_dispatch})
 * in its repository with the deployment's id, environment and commit as inputs, records the run it started
 * (CicdRuns), and follows it until it ends — its jobs' steps as progress lines, each finished job's log into the
 * deployment's log — mapping the run's conclusion to the deployment's outcome. The workflow builds and deploys
 * (there is nothing to build here). A deployment resumed after a crash follows its recorded run again instead of
 * dispatching a second one; a cancel cancels the run on GitHub.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.github-actions", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(GitHubActionsProperties.class)
class GitHubActionsDeployTarget implements DeployTarget {

    static final String ID = "github-actions";
    private static final Logger log = LoggerFactory.getLogger(GitHubActionsDeployTarget.class);
    /** What a run is recorded as between the dispatch and knowing which run it started. */
    private static final String DISPATCHING = "dispatching";
    private static final String DISPATCH_FAILED = "dispatch_failed";
    /** Runs created this much before the dispatch (by GitHub's clock) still count as its run. */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

    private final GitHubActionsClient client;
    private final CicdConnections connections;
    private final CicdJobs jobs;
    private final CicdRuns runs;
    private final ObjectProvider<DeploymentLookup> lookup;
    private final GitHubActionsProperties properties;
    private final Clock clock;
    private final FollowedRuns following;

    GitHubActionsDeployTarget(GitHubActionsClient client, CicdConnections connections, CicdJobs jobs, CicdRuns runs,
            ObjectProvider<DeploymentLookup> lookup, GitHubActionsProperties properties, FollowedRuns following,
            Clock clock) {
        this.client = client;
        this.following = following;
        this.connections = connections;
        this.jobs = jobs;
        this.runs = runs;
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
        GitHubActionsSettings.of(settings);
    }

    @Override
    public void create(TargetEnvironment environment) throws DeployFailure {
        GitHubActionsSettings settings = settings(environment);
        CicdConnection connection = connection(settings, environment);
        job(connection, settings, environment);
    }

    @Override
    public Release build(DeploymentContext deployment, LogSink logs) throws DeployFailure {
        GitHubActionsSettings settings = settings(deployment.environment());
        logs.info("The workflow " + settings.workflow() + " of " + settings.repository()
                + " builds and deploys commit " + deployment.commitSha());
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("repository", settings.repository().toString());
        attributes.put("workflow", settings.workflow());
        return new Release(deployment.deploymentId(), "github:" + settings.repository() + "@" + deployment.commitSha(),
                deployment.commitSha(), attributes);
    }

    @Override
    public Optional<Release> reuse(DeploymentContext deployment, UUID builtBy) {
        // A workflow run leaves nothing here to switch back to: a rollback dispatches the older commit again.
        return Optional.empty();
    }

    @Override
    public Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure {
        GitHubActionsSettings settings = settings(deployment.environment());
        CicdConnection connection = connection(settings, deployment.environment());
        String ref = settings.ref() != null ? settings.ref() : deployment.branch();
        if (ref == null) {
            throw DeployFailure.failed("The github-actions target needs a branch to dispatch the workflow on: set the "
                    + "environment's ref setting or deploy a branch.");
        }
        UUID id = deployment.deploymentId();
        FollowedRuns.Run follow = following.follow(id, deployment.environment().environmentId());
        try {
            CicdJob job = job(connection, settings, deployment.environment());
            long runId = locate(connection, settings, ref, deployment, job, logs, follow);
            GitHubActionsClient.WorkflowRun run = follow(connection, settings, runId, id, logs, follow);
            return outcome(run, settings);
        }
        catch (ProviderCallException ex) {
            if (ex.status() == 401) {
                // The token was revoked or expired: the registration shows it until someone replaces it.
                connections.markStatus(connection.id(), false);
            }
            throw ex.retryable() ? DeployFailure.retryable(ex.getMessage()) : DeployFailure.failed(ex.getMessage());
        }
        finally {
            following.finished(id, follow);
        }
    }

    @Override
    public void cancel(UUID deploymentId) {
        if (following.cancel(deploymentId)) {
            // The following loop cancels the run on GitHub and waits for it to stop.
            return;
        }
        // Not followed here (cancelled while waiting for a retry, say): cancel the recorded run directly.
        try {
            Optional<CicdRun> run = runs.find(deploymentId).filter(found -> found.externalId() != null);
            Optional<DeploymentContext> context = lookup.getObject().context(deploymentId);
            if (run.isEmpty() || context.isEmpty()) {
                return;
            }
            GitHubActionsSettings settings = settings(context.get().environment());
            CicdConnection connection = connection(settings, context.get().environment());
            client.cancel(connection, settings.repository(), Long.parseLong(run.get().externalId()));
        }
        catch (DeployFailure | RuntimeException ex) {
            log.warn("Could not cancel the workflow run of deployment {}: {}", deploymentId, ex.getMessage());
        }
    }

    @Override
    public TargetStatus status(TargetEnvironment environment) {
        String url = environment.settings().get("url");
        return new TargetStatus("unknown", null, url == null || url.isBlank() ? null : url.strip(),
                "Served by what the workflow " + environment.settings().get("workflow") + " of "
                        + environment.settings().get("repository") + " deployed");
    }

    @Override
    public HealthReport health(TargetEnvironment environment) {
        return new HealthReport(false, null, Duration.ZERO,
                "Not probed: the app runs where the GitHub Actions workflow deployed it", clock.instant());
    }

    @Override
    public void destroy(TargetEnvironment environment) {
        following.cancelEnvironment(environment.environmentId());
        String providerId = environment.settings().get("providerId");
        if (providerId == null) {
            return;
        }
        try {
            jobs.delete(UUID.fromString(providerId.strip()), environment.environmentId());
        }
        catch (IllegalArgumentException ex) {
            // no job was ever recorded under a malformed id
        }
    }

    // ------------------------------------------------------------------ the run

    /** The run of this deployment: the one recorded, or the one a dispatch (now, or before a crash) started. */
    private long locate(CicdConnection connection, GitHubActionsSettings settings, String ref,
            DeploymentContext deployment, CicdJob job, LogSink logs, FollowedRuns.Run follow) throws DeployFailure {
        UUID id = deployment.deploymentId();
        Optional<CicdRun> recorded = runs.find(id);
        if (recorded.isPresent() && recorded.get().externalId() != null) {
            logs.info("Following workflow run " + recorded.get().externalId() + " again"
                    + (recorded.get().externalUrl() == null ? "" : " (" + recorded.get().externalUrl() + ")"));
            return Long.parseLong(recorded.get().externalId());
        }
        Instant since;
        boolean recovering = recorded.isPresent() && !DISPATCH_FAILED.equals(recorded.get().externalStatus());
        if (recovering) {
            // Dispatched before the deployer stopped, the run not yet known: find it, do not start a second one.
            since = clock.instant().minus(properties.runLookupTimeout()).minus(properties.runTimeout());
            logs.info("The workflow was dispatched before; looking for the run it started");
        }
        else {
            runs.record(id, job.id(), null, null, DISPATCHING);
            since = clock.instant();
            Optional<GitHubActionsClient.DispatchedRun> dispatched;
            try {
                dispatched = client.dispatch(connection, settings.repository(), settings.workflow(), ref,
                        inputs(deployment));
            }
            catch (ProviderCallException ex) {
                runs.status(id, DISPATCH_FAILED);
                throw ex;
            }
            logs.info("Dispatched " + settings.workflow() + " of " + settings.repository() + " on " + ref
                    + " for commit " + deployment.commitSha());
            if (dispatched.isPresent()) {
                GitHubActionsClient.DispatchedRun run = dispatched.get();
                runs.record(id, job.id(), String.valueOf(run.workflowRunId()), run.htmlUrl(), "queued");
                logs.info("Workflow run " + run.workflowRunId() + ": " + run.htmlUrl());
                return run.workflowRunId();
            }
        }
        GitHubActionsClient.WorkflowRun run = find(connection, settings, ref, deployment, since, recovering, follow);
        runs.record(id, job.id(), String.valueOf(run.id()), run.htmlUrl(), run.status());
        logs.info("Workflow run " + run.id() + ": " + run.htmlUrl());
        return run.id();
    }

    /**
     * The run a dispatch started, when GitHub did not say: a {@code workflow_dispatch} run of the workflow on the
     * ref, created since the dispatch and not carrying another deployment — the one whose title names this
     * deployment (a workflow's {@code run-name} can), else the oldest. When recovering a dispatch from before a
     * restart, whose time is not known, only a run naming the deployment or at its commit is taken.
     */
    private GitHubActionsClient.WorkflowRun find(CicdConnection connection, GitHubActionsSettings settings, String ref,
            DeploymentContext deployment, Instant since, boolean recovering, FollowedRuns.Run follow) throws DeployFailure {
        UUID deploymentId = deployment.deploymentId();
        Instant deadline = clock.instant().plus(properties.runLookupTimeout());
        while (true) {
            List<GitHubActionsClient.WorkflowRun> candidates = client.dispatchedRuns(connection,
                    settings.repository(), ref).stream()
                    .filter(run -> "workflow_dispatch".equals(run.event()))
                    .filter(run -> ofWorkflow(run, settings.workflow()))
                    .filter(run -> run.createdAt() == null || !run.createdAt().isBefore(since.minus(CLOCK_SKEW)))
                    .filter(run -> runs.findByExternal(ID, String.valueOf(run.id()))
                            .map(mapped -> mapped.deploymentId().equals(deploymentId)).orElse(true))
                    .toList();
            Optional<GitHubActionsClient.WorkflowRun> titled = candidates.stream()
                    .filter(run -> run.displayTitle() != null && run.displayTitle().contains(deploymentId.toString()))
                    .findFirst();
            if (titled.isPresent()) {
                return titled.get();
            }
            Optional<GitHubActionsClient.WorkflowRun> oldest = candidates.stream()
                    .filter(run -> !recovering || (run.headSha() != null && run.headSha().equals(deployment.commitSha())))
                    .min(Comparator.comparing(GitHubActionsClient.WorkflowRun::createdAt,
                            Comparator.nullsLast(Comparator.naturalOrder())));
            if (oldest.isPresent()) {
                return oldest.get();
            }
            if (clock.instant().isAfter(deadline)) {
                throw DeployFailure.failed("GitHub accepted the dispatch of " + settings.workflow()
                        + " but no run of it appeared within " + properties.runLookupTimeout().toSeconds() + " s.");
            }
            if (follow.await(properties.pollInterval())) {
                throw DeployFailure.cancellation();
            }
        }
    }

    private static boolean ofWorkflow(GitHubActionsClient.WorkflowRun run, String workflow) {
        if (workflow.chars().allMatch(Character::isDigit)) {
            return String.valueOf(run.workflowId()).equals(workflow);
        }
        if (run.path() == null) {
            return true;
        }
        // ".github/workflows/deploy.yml@main": the file, at the ref it ran from
        String path = run.path().contains("@") ? run.path().substring(0, run.path().indexOf('@')) : run.path();
        return path.equals(".github/workflows/" + workflow) || path.endsWith("/" + workflow);
    }

    /** Polls the run until it completes, writing its jobs' progress and logs; cancels it when asked. */
    private GitHubActionsClient.WorkflowRun follow(CicdConnection connection, GitHubActionsSettings settings,
            long runId, UUID deploymentId, LogSink logs, FollowedRuns.Run follow) throws DeployFailure {
        Instant deadline = clock.instant().plus(properties.runTimeout());
        Map<String, String> seen = new HashMap<>();
        Set<Long> logged = new HashSet<>();
        String lastState = null;
        boolean warned = false;
        while (true) {
            Duration wait = properties.pollInterval();
            if (follow.cancelled()) {
                cancelRun(connection, settings, runId, logs);
                throw DeployFailure.cancellation();
            }
            try {
                GitHubActionsClient.WorkflowRun run = client.run(connection, settings.repository(), runId);
                String state = run.conclusion() != null ? run.conclusion() : run.status();
                if (!state.equals(lastState)) {
                    runs.status(deploymentId, state);
                    logs.info("Workflow run " + runId + " is " + state.replace('_', ' '));
                    lastState = state;
                }
                progress(connection, settings, runId, logs, seen, logged);
                warned = false;
                if (run.completed()) {
                    return run;
                }
            }
            catch (ProviderCallException ex) {
                if (!ex.retryable()) {
                    throw ex;
                }
                // GitHub not answering (or rate limiting) for a while does not end the deployment: keep following,
                // no sooner than a rate limit's reset.
                wait = ex.retryAfter().filter(after -> after.compareTo(properties.pollInterval()) > 0)
                        .orElse(properties.pollInterval());
                if (!warned) {
                    logs.warn("GitHub is not answering about run " + runId + " right now (" + ex.getMessage()
                            + "); still following it");
                    warned = true;
                }
            }
            if (clock.instant().isAfter(deadline)) {
                cancelRun(connection, settings, runId, logs);
                throw DeployFailure.failed("The workflow run " + runId + " did not finish within "
                        + properties.runTimeout().toMinutes() + " min; it was cancelled.");
            }
            follow.await(wait);
        }
    }

    /** New step states of the run's jobs as progress lines, and each job's log once it finished. */
    private void progress(CicdConnection connection, GitHubActionsSettings settings, long runId, LogSink logs,
            Map<String, String> seen, Set<Long> logged) {
        for (GitHubActionsClient.Job job : client.jobs(connection, settings.repository(), runId)) {
            for (GitHubActionsClient.Step step : job.steps()) {
                String state = step.conclusion() != null ? step.conclusion() : step.status();
                String key = job.id() + "/" + step.number();
                if ("queued".equals(state) || state.equals(seen.get(key))) {
                    continue;
                }
                seen.put(key, state);
                String level = "failure".equals(state) ? "error" : "info";
                logs.line(level, "build", job.name() + " › " + step.name() + ": " + state.replace('_', ' '));
            }
            if (job.completed() && logged.add(job.id())) {
                writeLog(connection, settings, job, logs);
            }
        }
    }

    private void writeLog(CicdConnection connection, GitHubActionsSettings settings, GitHubActionsClient.Job job,
            LogSink logs) {
        String text;
        try {
            text = client.jobLog(connection, settings.repository(), job.id());
        }
        catch (ProviderCallException ex) {
            logs.warn("The log of job " + job.name() + " could not be read: " + ex.getMessage());
            return;
        }
        List<String> lines = text.lines().toList();
        int written = 0;
        for (String raw : lines) {
            if (written == properties.maxLogLines()) {
                logs.warn((lines.size() - written) + " more lines of job " + job.name() + " at " + job.htmlUrl());
                return;
            }
            GitHubLogLine line = GitHubLogLine.parse(raw);
            if (line != null) {
                logs.line(line.level(), "build", "[" + job.name() + "] " + line.message());
                written++;
            }
        }
    }

    private void cancelRun(CicdConnection connection, GitHubActionsSettings settings, long runId, LogSink logs) {
        try {
            client.cancel(connection, settings.repository(), runId);
            logs.warn("Asked GitHub to cancel workflow run " + runId);
            Instant deadline = clock.instant().plus(properties.cancelTimeout());
            while (clock.instant().isBefore(deadline)) {
                if (client.run(connection, settings.repository(), runId).completed()) {
                    logs.info("Workflow run " + runId + " stopped");
                    return;
                }
                if (!pause(properties.pollInterval())) {
                    return;
                }
            }
            logs.warn("Workflow run " + runId + " had not stopped after " + properties.cancelTimeout().toSeconds()
                    + " s");
        }
        catch (ProviderCallException ex) {
            logs.warn("Could not cancel workflow run " + runId + ": " + ex.getMessage());
        }
    }

    private static Deployed outcome(GitHubActionsClient.WorkflowRun run, GitHubActionsSettings settings)
            throws DeployFailure {
        String conclusion = run.conclusion() == null ? "unknown" : run.conclusion();
        if ("success".equals(conclusion)) {
            Map<String, String> attributes = new LinkedHashMap<>();
            attributes.put("runId", String.valueOf(run.id()));
            if (run.htmlUrl() != null) {
                attributes.put("runUrl", run.htmlUrl());
            }
            return new Deployed(settings.url(), attributes);
        }
        throw DeployFailure.failed("The workflow run " + run.id() + " ended " + conclusion.replace('_', ' ')
                + (run.htmlUrl() == null ? "." : ": " + run.htmlUrl()));
    }

    // ------------------------------------------------------------------ helpers

    /** Waits; false when the thread was interrupted (the deployer is stopping). */
    private static boolean pause(Duration duration) {
        try {
            TimeUnit.MILLISECONDS.sleep(duration.toMillis());
            return true;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The workflow's inputs: ids and a commit only, never anything that becomes workflow code. */
    private static Map<String, String> inputs(DeploymentContext deployment) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("deployment_id", deployment.deploymentId().toString());
        inputs.put("environment", deployment.environment().environmentName());
        if (deployment.commitSha() != null) {
            inputs.put("commit_sha", deployment.commitSha());
        }
        return inputs;
    }

    private CicdJob job(CicdConnection connection, GitHubActionsSettings settings, TargetEnvironment environment) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("repository", settings.repository().toString());
        configuration.put("workflow", settings.workflow());
        if (settings.ref() != null) {
            configuration.put("ref", settings.ref());
        }
        Optional<CicdJob> existing = jobs.find(connection.id(), environment.environmentId());
        if (existing.isPresent() && existing.get().configuration().equals(configuration)) {
            return existing.get();
        }
        return jobs.save(connection.id(), environment.projectId(), environment.environmentId(),
                settings.repository() + ":" + settings.workflow(), workflowUrl(connection, settings), configuration);
    }

    /** The workflow's page: github.com for api.github.com, the server itself for GitHub Enterprise Server. */
    private String workflowUrl(CicdConnection connection, GitHubActionsSettings settings) {
        URI api = client.apiUrl(connection);
        String web = "api.github.com".equalsIgnoreCase(api.getHost()) ? "https://github.com"
                : api.getScheme() + "://" + api.getRawAuthority();
        return web + "/" + settings.repository() + "/actions/workflows/" + settings.workflow();
    }

    private CicdConnection connection(GitHubActionsSettings settings, TargetEnvironment environment)
            throws DeployFailure {
        return connections.require(settings.providerId(), environment.organizationId(), ID);
    }

    private static GitHubActionsSettings settings(TargetEnvironment environment) throws DeployFailure {
        try {
            return GitHubActionsSettings.of(environment.settings());
        }
        catch (RuntimeException ex) {
            throw DeployFailure.failed(ex.getMessage());
        }
    }
}
