package dev.autodeploy.deployer.target.jenkins;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.cicd.CicdJob;
import dev.autodeploy.deployer.cicd.CicdJobs;
import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.CommandLine;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.FollowedRuns;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.deployer.target.HealthReport;
import dev.autodeploy.deployer.target.InvalidCommand;
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
 * The {@code jenkins} deploy target (seeds 002 and 003): each environment gets a pipeline job on a Jenkins its
 * organization registered; a deployment updates the job's pipeline to the deployment's build configuration,
 * triggers it with the deployment's values as parameters, records the queue item and then the build
 * ({@code deployment_cicd_mappings}) and follows the build to its end, streaming its console log. A deployment
 * resumed after a crash follows the build it recorded instead of starting another; a cancelled one stops the
 * build (or takes it out of the queue).
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.jenkins", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(JenkinsTargetProperties.class)
class JenkinsDeployTarget implements DeployTarget {

    static final String ID = "jenkins";
    private static final Logger log = LoggerFactory.getLogger(JenkinsDeployTarget.class);
    private static final String QUEUED = "queue:";
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}");
    /** A branch as Git allows it, minus what could be read as an option or leave the refs namespace. */
    private static final Pattern BRANCH = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}");
    private static final Pattern APP_DIR = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*");
    private static final int MAX_LINE = 8192;

    private final JenkinsClient client;
    private final JenkinsPipelineGenerator generator = new JenkinsPipelineGenerator();
    private final CicdConnections connections;
    private final CicdJobs jobs;
    private final CicdRuns runs;
    private final ObjectProvider<DeploymentLookup> lookup;
    private final JenkinsTargetProperties properties;
    private final Clock clock;
    /** Deployments whose builds this replica follows now, to stop at once when cancelled. */
    private final FollowedRuns following;

    JenkinsDeployTarget(JenkinsClient client, CicdConnections connections, CicdJobs jobs, CicdRuns runs,
            ObjectProvider<DeploymentLookup> lookup, JenkinsTargetProperties properties, FollowedRuns following,
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
        JenkinsSettings.of(settings);
    }

    @Override
    public void create(TargetEnvironment environment) throws DeployFailure {
        saveJob(environment, null);
    }

    /** The CI builds the commit itself when the deployment's pipeline runs: the release is the commit. */
    @Override
    public Release build(DeploymentContext deployment, LogSink logs) throws DeployFailure {
        JobPath job = saveJob(deployment.environment(), deployment.build());
        logs.info("The Jenkins job " + job.fullName() + " builds commit " + shortSha(deployment.commitSha())
                + " when the deployment starts it");
        return new Release(deployment.deploymentId(), deployment.commitSha(), null,
                Map.of("job", job.fullName(), "commit", String.valueOf(deployment.commitSha())));
    }

    @Override
    public Optional<Release> reuse(DeploymentContext deployment, UUID builtBy) {
        // A rollback runs the pipeline again for the old commit: Jenkins keeps no release of ours to switch to.
        return Optional.empty();
    }

    @Override
    public Deployed deploy(DeploymentContext deployment, Release release, LogSink logs) throws DeployFailure {
        UUID id = deployment.deploymentId();
        TargetEnvironment environment = deployment.environment();
        JenkinsSettings settings = JenkinsSettings.of(environment.settings());
        CicdConnection connection = connections.require(settings.providerId(), environment.organizationId(), ID);
        JobPath job = settings.job(environment);
        FollowedRuns.Run cancelled = following.follow(id, environment.environmentId());
        Follow follow = new Follow(connection, job, logs, deployment.callbackToken());
        try {
            Optional<CicdRun> recorded = runs.find(id).filter(run -> run.externalId() != null);
            CicdJob record = jobs.find(settings.providerId(), environment.environmentId())
                    .orElseGet(() -> jobs.save(settings.providerId(), environment.projectId(),
                            environment.environmentId(), job.fullName(), client.jobUrl(connection, job).toString(),
                            Map.of()));
            int number;
            if (recorded.isPresent()) {
                CicdRun run = recorded.get();
                logs.info("Following the Jenkins " + (run.externalId().startsWith(QUEUED) ? "queue item "
                        + run.externalId().substring(QUEUED.length()) : "build #" + run.externalId())
                        + " this deployment started before");
                number = run.externalId().startsWith(QUEUED)
                        ? awaitBuild(follow, id, record, Long.parseLong(run.externalId().substring(QUEUED.length())),
                                cancelled)
                        : Integer.parseInt(run.externalId());
            }
            else {
                long queueItem = client.trigger(connection, job, parameters(deployment));
                runs.record(id, record.id(), QUEUED + queueItem, null, "queued");
                logs.info("Triggered " + job.fullName() + " on " + connection.name() + " (queue item " + queueItem
                        + ")");
                number = awaitBuild(follow, id, record, queueItem, cancelled);
            }
            JenkinsClient.Build build = followBuild(follow, id, number, cancelled);
            return outcome(id, settings, build);
        }
        catch (ProviderCallException failure) {
            throw DeployFailure.retryable(failure.getMessage());
        }
        finally {
            following.finished(id, cancelled);
        }
    }

    /** What one deployment follows on which Jenkins, and where its log goes. */
    private record Follow(CicdConnection connection, JobPath job, LogSink logs, String secret) {

        @Override
        public String toString() {
            return "Follow[" + connection + " " + job.fullName() + "]";
        }
    }

    private int awaitBuild(Follow follow, UUID id, CicdJob record, long queueItem, FollowedRuns.Run cancelled)
            throws DeployFailure {
        Instant deadline = clock.instant().plus(properties.queueTimeout());
        String lastWhy = null;
        while (true) {
            if (cancelled.cancelled()) {
                client.cancelQueueItem(follow.connection(), queueItem);
                runs.status(id, "cancelled");
                throw DeployFailure.cancellation();
            }
            Optional<JenkinsClient.QueueItem> item = client.queueItem(follow.connection(), queueItem);
            if (item.isEmpty()) {
                runs.status(id, "lost");
                throw DeployFailure.failed("Jenkins no longer knows queue item " + queueItem + " of "
                        + follow.job().fullName() + " and it never named the build it became.");
            }
            if (item.get().buildNumber() != null) {
                int number = item.get().buildNumber();
                runs.record(id, record.id(), Integer.toString(number), item.get().buildUrl(), "running");
                follow.logs().info("Jenkins started build #" + number
                        + (item.get().buildUrl() == null ? "" : " " + item.get().buildUrl()));
                return number;
            }
            if (item.get().cancelled()) {
                runs.status(id, "cancelled");
                throw DeployFailure.failed("The build was taken out of Jenkins' queue before it started.");
            }
            String why = item.get().why();
            if (why != null && !why.equals(lastWhy)) {
                follow.logs().info("Waiting in Jenkins' queue: " + JobPath.printable(why));
                lastWhy = why;
            }
            if (clock.instant().isAfter(deadline)) {
                client.cancelQueueItem(follow.connection(), queueItem);
                runs.status(id, "cancelled");
                throw DeployFailure.failed("The build waited in Jenkins' queue longer than "
                        + properties.queueTimeout().toMinutes() + " minutes (no free agent?) and was taken out.");
            }
            cancelled.await(properties.pollInterval());
        }
    }

    private JenkinsClient.Build followBuild(Follow follow, UUID id, int number, FollowedRuns.Run cancelled)
            throws DeployFailure {
        long offset = 0;
        StringBuilder partial = new StringBuilder();
        while (true) {
            if (cancelled.cancelled()) {
                client.stop(follow.connection(), follow.job(), number);
                runs.status(id, "cancelled");
                follow.logs().warn("Asked Jenkins to stop build #" + number);
                throw DeployFailure.cancellation();
            }
            JenkinsClient.LogChunk chunk = client.log(follow.connection(), follow.job(), number, offset);
            offset = chunk.next();
            lines(follow, partial, chunk.text(), !chunk.more());
            if (!chunk.more()) {
                JenkinsClient.Build build = client.build(follow.connection(), follow.job(), number);
                if (!build.building() && build.result() != null) {
                    // What the build wrote between the last read and its end.
                    JenkinsClient.LogChunk rest = client.log(follow.connection(), follow.job(), number, offset);
                    lines(follow, partial, rest.text(), true);
                    return build;
                }
            }
            cancelled.await(properties.pollInterval());
        }
    }

    /** Streams the complete lines of {@code text} (after what was left of the last chunk); all of it at the end. */
    private static void lines(Follow follow, StringBuilder partial, String text, boolean end) {
        partial.append(text);
        int start = 0;
        int newline;
        while ((newline = partial.indexOf("\n", start)) >= 0) {
            line(follow, partial.substring(start, newline));
            start = newline + 1;
        }
        partial.delete(0, start);
        if (end && !partial.isEmpty()) {
            line(follow, partial.toString());
            partial.setLength(0);
        }
    }

    private static void line(Follow follow, String text) {
        String line = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        if (follow.secret() != null && follow.secret().length() >= 4) {
            line = line.replace(follow.secret(), "****");
        }
        if (line.length() > MAX_LINE) {
            line = line.substring(0, MAX_LINE) + "…";
        }
        follow.logs().line(line.contains("ERROR") || line.startsWith("Finished: FAILURE") ? "error" : "info",
                "build", line);
    }

    private Deployed outcome(UUID id, JenkinsSettings settings, JenkinsClient.Build build) throws DeployFailure {
        String result = build.result();
        runs.status(id, result.toLowerCase(java.util.Locale.ROOT));
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("jenkinsBuild", Integer.toString(build.number()));
        if (build.url() != null) {
            attributes.put("jenkinsBuildUrl", build.url());
        }
        return switch (result) {
            case "SUCCESS" -> new Deployed(settings.url() == null ? null : settings.url().toString(), attributes);
            case "UNSTABLE" -> throw DeployFailure.failed("Jenkins build #" + build.number()
                    + " ended UNSTABLE (tests or checks failed); the deployment is not taken as done.");
            case "ABORTED" -> throw DeployFailure.failed("Jenkins build #" + build.number()
                    + " was aborted in Jenkins (stopped by someone, or its timeout).");
            case "NOT_BUILT" -> throw DeployFailure.failed("Jenkins build #" + build.number()
                    + " did not run (NOT_BUILT).");
            default -> throw DeployFailure.failed("Jenkins build #" + build.number() + " failed ("
                    + JobPath.printable(result) + "); its log says why.");
        };
    }

    /** The build's parameters: the deployment's values, each checked, as Jenkins hands them to the pipeline. */
    Map<String, String> parameters(DeploymentContext deployment) throws DeployFailure {
        JenkinsSettings settings = JenkinsSettings.of(deployment.environment().settings());
        String commit = deployment.commitSha();
        if (commit == null || !COMMIT.matcher(commit).matches()) {
            throw DeployFailure.failed("The deployment's commit is not a Git commit id.");
        }
        String branch = deployment.branch();
        if (branch != null && (!BRANCH.matcher(branch).matches() || branch.contains("..")
                || branch.endsWith(".lock"))) {
            throw DeployFailure.failed("The branch name '" + JobPath.printable(branch) + "' is not passed to Jenkins:"
                    + " use letters, digits and . _ / + - only.");
        }
        String repository = deployment.repositoryUrl();
        if (repository == null || repository.startsWith("-") || repository.chars().anyMatch(
                c -> Character.isWhitespace(c) || Character.isISOControl(c)) || repository.length() > 2000) {
            throw DeployFailure.failed("The repository URL cannot be passed to Jenkins.");
        }
        String directory = deployment.rootDirectory() == null || deployment.rootDirectory().isBlank() ? "."
                : deployment.rootDirectory().strip().replaceAll("^/+|/+$", "");
        if (!directory.equals(".") && (!APP_DIR.matcher(directory).matches() || directory.contains(".."))) {
            throw DeployFailure.failed("The app directory '" + JobPath.printable(directory)
                    + "' cannot be passed to Jenkins.");
        }
        BuildSettings build = deployment.build() == null ? BuildSettings.of(Map.of()) : deployment.build();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(JenkinsPipelineGenerator.REPO_URL, repository);
        parameters.put(JenkinsPipelineGenerator.BRANCH, branch == null ? "" : branch);
        parameters.put(JenkinsPipelineGenerator.COMMIT_SHA, commit);
        parameters.put(JenkinsPipelineGenerator.APP_DIR, directory);
        parameters.put(JenkinsPipelineGenerator.ENVIRONMENT, deployment.environment().environmentName());
        parameters.put(JenkinsPipelineGenerator.DEPLOYMENT_ID, deployment.deploymentId().toString());
        parameters.put(JenkinsPipelineGenerator.INSTALL_COMMAND, checked("installCommand", build.installCommand()));
        parameters.put(JenkinsPipelineGenerator.BUILD_COMMAND, checked("buildCommand", build.buildCommand()));
        parameters.put(JenkinsPipelineGenerator.TEST_COMMAND, orEmpty(settings.testCommand()));
        parameters.put(JenkinsPipelineGenerator.IMAGE, orEmpty(settings.image()));
        parameters.put(JenkinsPipelineGenerator.DEPLOY_COMMAND, orEmpty(settings.deployCommand()));
        parameters.put(JenkinsPipelineGenerator.CALLBACK_URL, callbackUrl(deployment.deploymentId()).toString());
        parameters.put(JenkinsPipelineGenerator.CALLBACK_TOKEN, orEmpty(deployment.callbackToken()));
        return parameters;
    }

    URI callbackUrl(UUID deploymentId) {
        String base = properties.callbackBaseUrl().toString();
        return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
                + "/api/v1/webhooks/jenkins/" + deploymentId);
    }

    @Override
    public void cancel(UUID deploymentId) {
        if (following.cancel(deploymentId)) {
            return;
        }
        // Not followed here (waiting for a retry, or followed by a replica that died): stop what was recorded.
        Optional<CicdRun> run = runs.find(deploymentId).filter(found -> found.externalId() != null);
        if (run.isEmpty() || List.of("success", "failure", "aborted", "unstable", "not_built", "cancelled", "lost")
                .contains(run.get().externalStatus())) {
            return;
        }
        try {
            Optional<DeploymentContext> context = lookup.getObject().context(deploymentId);
            if (context.isEmpty()) {
                return;
            }
            TargetEnvironment environment = context.get().environment();
            JenkinsSettings settings = JenkinsSettings.of(environment.settings());
            CicdConnection connection = connections.require(settings.providerId(), environment.organizationId(), ID);
            String external = run.get().externalId();
            if (external.startsWith(QUEUED)) {
                client.cancelQueueItem(connection, Long.parseLong(external.substring(QUEUED.length())));
            }
            else {
                client.stop(connection, settings.job(environment), Integer.parseInt(external));
            }
            runs.status(deploymentId, "cancelled");
        }
        catch (DeployFailure | RuntimeException ex) {
            log.warn("Could not stop the Jenkins run of cancelled deployment {}: {}", deploymentId, ex.getMessage());
        }
    }

    @Override
    public TargetStatus status(TargetEnvironment environment) {
        JenkinsSettings settings = JenkinsSettings.of(environment.settings());
        Optional<CicdJob> job = jobs.find(settings.providerId(), environment.environmentId());
        String url = settings.url() == null ? null : settings.url().toString();
        return new TargetStatus("unknown", null, url, job.map(found -> "Deployed by the Jenkins job "
                + found.externalName() + "; the app runs wherever its Deploy stage puts it")
                .orElse("No Jenkins job yet"));
    }

    @Override
    public HealthReport health(TargetEnvironment environment) {
        // Jenkins serves nothing itself; the pipeline's Deploy stage owns the app, and its URL is not probed from
        // here (an environment's URL setting must not make the deployer a scanner of internal addresses).
        return new HealthReport(false, null, Duration.ZERO, "Not probed: the app runs where the Jenkins pipeline "
                + "deployed it", clock.instant());
    }

    @Override
    public void destroy(TargetEnvironment environment) {
        JenkinsSettings settings = JenkinsSettings.of(environment.settings());
        Optional<CicdJob> job = jobs.find(settings.providerId(), environment.environmentId());
        if (job.isEmpty()) {
            return;
        }
        try {
            CicdConnection connection = connections.require(settings.providerId(), environment.organizationId(), ID);
            String[] path = job.get().externalName().split("/");
            JobPath jobPath = new JobPath(List.of(path).subList(0, path.length - 1), path[path.length - 1]);
            client.deleteJob(connection, jobPath);
        }
        catch (DeployFailure ex) {
            // The registration is gone: there is nothing left to call, only our record to drop.
            log.info("Jenkins job of environment {} not deleted: {}", environment.environmentId(), ex.getMessage());
        }
        jobs.delete(settings.providerId(), environment.environmentId());
    }

    /** Makes the environment's folders and job (with the pipeline for {@code build}, when known); records it. */
    private JobPath saveJob(TargetEnvironment environment, BuildSettings build) throws DeployFailure {
        JenkinsSettings settings = JenkinsSettings.of(environment.settings());
        CicdConnection connection = connections.require(settings.providerId(), environment.organizationId(), ID);
        JobPath job = settings.job(environment);
        JenkinsPipelineGenerator.Pipeline pipeline = new JenkinsPipelineGenerator.Pipeline(
                build == null ? null : checked("installCommand", build.installCommand()),
                build == null ? null : checked("buildCommand", build.buildCommand()), settings.testCommand(),
                settings.image(), settings.push(), settings.deployCommand(), settings.agentLabel(),
                settings.timeoutMinutes());
        String config = generator.jobConfig(pipeline, "Deploys " + environment.projectSlug() + " ("
                + environment.environmentName() + ") for AutoDeploy. Generated: changes made here are replaced "
                + "on the next deployment.");
        try {
            client.ensureFolders(connection, job);
            client.saveJob(connection, job, config);
        }
        catch (ProviderCallException failure) {
            throw DeployFailure.retryable(failure.getMessage());
        }
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("folder", settings.folder() == null ? "" : settings.folder());
        configuration.put("stages", JenkinsPipelineGenerator.stageNames(pipeline));
        jobs.save(settings.providerId(), environment.projectId(), environment.environmentId(), job.fullName(),
                client.jobUrl(connection, job).toString(), configuration);
        return job;
    }

    /** A build command as the pipeline may run it: checked to use no shell syntax (see {@link CommandLine}). */
    private static String checked(String name, String command) throws DeployFailure {
        if (command == null || command.isBlank()) {
            return "";
        }
        try {
            CommandLine.parse(command);
            return command.strip();
        }
        catch (InvalidCommand ex) {
            throw DeployFailure.failed("The " + name + " cannot be run: " + ex.getMessage() + ".");
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String shortSha(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }
}
