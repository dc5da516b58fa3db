package dev.autodeploy.deployer.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.deployment.DeploymentGuard;
import dev.autodeploy.deployer.deployment.DeploymentTriggers;
import dev.autodeploy.deployer.release.CommitBlocks;
import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.deployer.target.DeploymentLookup;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * What GitHub's webhook deliveries do, each delivery once (a replay of its {@code X-GitHub-Delivery} changes
 * nothing; the delivery is recorded in the transaction of its effect): a push to a branch deploys the pushed
 * commit to every auto-deploying environment following that branch in the projects of that repository; a pull
 * request opened, reopened or updated gets a preview environment {@code pr-<number>} (production's target and
 * settings) deployed at its head, and closed, its deployments cancelled and the environment removed; a
 * {@code workflow_run} of a run a github-actions deployment follows updates the run's recorded status.
 */
@Component
@EnableConfigurationProperties(GitHubWebhookProperties.class)
class GitHubWebhooks {

    static final String PROVIDER = "github";
    private static final Logger log = LoggerFactory.getLogger(GitHubWebhooks.class);
    private static final Set<String> PREVIEW_ACTIONS = Set.of("opened", "reopened", "synchronize");
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    private final WebhookDeliveries deliveries;
    private final ProjectRegistry projects;
    private final DeploymentTriggers deployments;
    private final CicdRuns runs;
    private final CommitBlocks blocks;
    private final DeploymentLookup lookup;
    private final GitHubWebhookProperties properties;
    private final JsonMapper json;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ScheduledExecutorService removals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "preview-removal");
        thread.setDaemon(true);
        return thread;
    });

    GitHubWebhooks(WebhookDeliveries deliveries, ProjectRegistry projects, DeploymentTriggers deployments,
            CicdRuns runs, CommitBlocks blocks, DeploymentLookup lookup, GitHubWebhookProperties properties,
            JsonMapper json, TransactionTemplate transactions, Clock clock) {
        this.blocks = blocks;
        this.deliveries = deliveries;
        this.projects = projects;
        this.deployments = deployments;
        this.runs = runs;
        this.lookup = lookup;
        this.properties = properties;
        this.json = json;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * What a delivery did: {@code accepted} (with what it queued), {@code skipped} (every environment refused: its
     * protection, or the commit is blocked there — each in {@code skipped}), {@code ignored}, {@code duplicate},
     * {@code pong}.
     */
    record Outcome(String result, String detail, List<UUID> deployments, List<Skipped> skipped) {

        Outcome(String result, String detail, List<UUID> deployments) {
            this(result, detail, deployments, List.of());
        }

        static Outcome of(String result, String detail) {
            return new Outcome(result, detail, List.of());
        }
    }

    /** The skip reason of an environment whose commit is blocked there. */
    static final String COMMIT_BLOCKED = "commit-blocked";

    /**
     * An environment a delivery did not deploy to: {@code reason} is the problem type ({@code commit-blocked},
     * {@code deploy-freeze}, {@code branch-not-allowed}, …), {@code detail} says why in words.
     */
    record Skipped(String environment, UUID environmentId, String commitSha, String reason, String detail) {
    }

    /** Preview environments to remove once the delivery's transaction committed. */
    private record Work(Outcome outcome, List<UUID> removals) {
    }

    Outcome handle(String event, String delivery, byte[] body) {
        Work work = transactions.execute(tx -> {
            if (!deliveries.firstDelivery(PROVIDER, delivery)) {
                return new Work(Outcome.of("duplicate", "Delivery " + delivery + " was handled before."), List.of());
            }
            return switch (event) {
                case "ping" -> new Work(Outcome.of("pong", "Webhook reached the deployer."), List.of());
                case "push" -> new Work(push(parse(body, GitHubPayloads.Push.class, event), delivery), List.of());
                case "pull_request" -> pullRequest(parse(body, GitHubPayloads.PullRequestEvent.class, event), delivery);
                case "workflow_run" -> new Work(workflowRun(parse(body, GitHubPayloads.WorkflowRunEvent.class, event)),
                        List.of());
                default -> new Work(Outcome.of("ignored", "The deployer does not act on " + event + " events."),
                        List.of());
            };
        });
        work.removals().forEach(this::removeWhenStopped);
        return work.outcome();
    }

    // ------------------------------------------------------------------ push

    private Outcome push(GitHubPayloads.Push push, String delivery) {
        if (push.ref() == null || !push.ref().startsWith("refs/heads/")) {
            return Outcome.of("ignored", "Only pushes to branches are deployed.");
        }
        if (push.deleted() || push.after() == null || NO_COMMIT.equals(push.after())) {
            return Outcome.of("ignored", "The branch was deleted.");
        }
        String branch = push.ref().substring("refs/heads/".length());
        List<EnvironmentSummary> matching = environments(push.repository());
        if (matching.isEmpty()) {
            return Outcome.of("ignored", "no matching project for " + push.repository().fullName() + ".");
        }
        List<UUID> queued = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (EnvironmentSummary environment : matching) {
            // Preview environments are the pull request events' to deploy.
            if (environment.autoDeploy() && branch.equals(environment.branch())
                    && !"preview".equals(environment.kind())) {
                Optional<String> blocked = blocks.skip(environment, push.after());
                if (blocked.isPresent()) {
                    skipped.add(new Skipped(environment.name(), environment.id(), push.after(), COMMIT_BLOCKED,
                            blocked.get()));
                    continue;
                }
                Map<String, Object> metadata = trigger("github-push", delivery);
                metadata.put("ref", push.ref());
                if (push.pusher() != null && push.pusher().name() != null) {
                    metadata.put("pusher", push.pusher().name());
                }
                deploy(environment, branch, push.after(), metadata, queued, skipped);
            }
        }
        log.info("GitHub push {} to {} of {} queued {} deployment(s)", delivery, branch,
                push.repository().fullName(), queued.size());
        String skips = String.join("; ", skipped.stream().map(Skipped::detail).toList());
        if (queued.isEmpty() && !skipped.isEmpty()) {
            return new Outcome("skipped", "Not deploying: " + skips + ".", List.of(), skipped);
        }
        return queued.isEmpty() ? Outcome.of("ignored", "No auto-deploying environment follows " + branch + ".")
                : new Outcome("accepted", "Deploying " + push.after() + " of " + branch + "."
                        + (skipped.isEmpty() ? "" : " Skipped: " + skips + "."), queued, skipped);
    }

    /** Deploys, or notes why the environment's protection refused (nothing was created then). */
    private void deploy(EnvironmentSummary environment, String branch, String commit, Map<String, Object> metadata,
            List<UUID> queued, List<Skipped> skipped) {
        try {
            queued.add(deployments.deploy(environment, branch, commit, metadata));
        }
        catch (DeploymentGuard.Refused refused) {
            log.info("Not deploying {} to environment {}: {}", commit, environment.id(), refused.problemType());
            skipped.add(new Skipped(environment.name(), environment.id(), commit, refused.problemType(),
                    refused.getMessage()));
        }
    }

    // ------------------------------------------------------------------ pull requests

    private Work pullRequest(GitHubPayloads.PullRequestEvent event, String delivery) {
        GitHubPayloads.PullRequest pull = event.pullRequest();
        if (pull == null || pull.head() == null) {
            throw new WebhookProblems.MalformedPayload("pull_request");
        }
        String name = "pr-" + event.number();
        boolean closed = "closed".equals(event.action());
        if (!closed && !PREVIEW_ACTIONS.contains(event.action())) {
            return new Work(Outcome.of("ignored", "Pull request " + event.action() + " changes no preview."), List.of());
        }
        List<EnvironmentSummary> environments = environments(event.repository());
        List<EnvironmentSummary> production = environments.stream()
                .filter(environment -> "production".equals(environment.kind())).toList();
        if (production.isEmpty()) {
            return new Work(Outcome.of("ignored", "no matching project for " + event.repository().fullName() + "."),
                    List.of());
        }
        if (closed) {
            List<UUID> removals = new ArrayList<>();
            environments.stream().filter(found -> name.equals(found.name()) && "preview".equals(found.kind()))
                    .forEach(preview -> {
                        deployments.cancelAll(preview.id(), "Pull request #" + event.number() + " was closed.");
                        removals.add(preview.id());
                    });
            return new Work(Outcome.of("accepted", removals.isEmpty() ? "No preview environment " + name + "."
                    : "Removing preview environment " + name + "."), removals);
        }
        GitHubPayloads.Repository head = pull.head().repo();
        if (head != null && head.fullName() != null && event.repository().fullName() != null
                && !head.fullName().equalsIgnoreCase(event.repository().fullName())) {
            // A fork's code with the project's settings and secrets: never deployed by itself.
            return new Work(Outcome.of("ignored", "Pull requests from forks are not deployed."), List.of());
        }
        List<UUID> queued = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (EnvironmentSummary environment : production) {
            EnvironmentSummary preview = projects.preview(environment.project().id(), name, pull.head().ref());
            if (!preview.autoDeploy()) {
                continue;
            }
            Optional<String> blocked = blocks.skip(preview, pull.head().sha());
            if (blocked.isPresent()) {
                skipped.add(new Skipped(preview.name(), preview.id(), pull.head().sha(), COMMIT_BLOCKED,
                        blocked.get()));
                continue;
            }
            Map<String, Object> metadata = trigger("github-pull-request", delivery);
            metadata.put("pullRequest", event.number());
            metadata.put("action", event.action());
            deploy(preview, pull.head().ref(), pull.head().sha(), metadata, queued, skipped);
        }
        if (queued.isEmpty() && !skipped.isEmpty()) {
            return new Work(new Outcome("skipped", "Not deploying: " + String.join("; ",
                    skipped.stream().map(Skipped::detail).toList()) + ".", List.of(), skipped), List.of());
        }
        return new Work(new Outcome("accepted", "Deploying " + pull.head().sha() + " to " + name + ".", queued,
                skipped), List.of());
    }

    /** Removes the preview once none of its deployments runs any more (right away when none does). */
    private void removeWhenStopped(UUID environmentId) {
        Instant deadline = clock.instant().plus(properties.closeTimeout());
        Runnable attempt = new Runnable() {
            @Override
            public void run() {
                try {
                    if (deployments.busy(environmentId) && clock.instant().isBefore(deadline)) {
                        removals.schedule(this, 500, TimeUnit.MILLISECONDS);
                        return;
                    }
                    projects.deletePreview(environmentId);
                }
                catch (RuntimeException ex) {
                    log.warn("Could not remove preview environment {}: {}", environmentId, ex.getMessage());
                }
            }
        };
        if (!deployments.busy(environmentId)) {
            attempt.run();
        }
        else {
            removals.schedule(attempt, 500, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        removals.shutdownNow();
    }

    // ------------------------------------------------------------------ workflow runs

    private Outcome workflowRun(GitHubPayloads.WorkflowRunEvent event) {
        if (event.workflowRun() == null) {
            throw new WebhookProblems.MalformedPayload("workflow_run");
        }
        Optional<CicdRun> run = runs.findByExternal("github-actions", String.valueOf(event.workflowRun().id()));
        if (run.isEmpty()) {
            return Outcome.of("ignored", "No deployment follows workflow run " + event.workflowRun().id() + ".");
        }
        String state = event.workflowRun().conclusion() != null ? event.workflowRun().conclusion()
                : event.workflowRun().status();
        UUID deploymentId = run.get().deploymentId();
        runs.reported(deploymentId, state);
        lookup.logs(deploymentId).info("GitHub reports workflow run " + event.workflowRun().id() + " "
                + event.action() + (state == null ? "" : " (" + state.replace('_', ' ') + ")"));
        return new Outcome("accepted", "Workflow run " + event.workflowRun().id() + " is " + state + ".",
                List.of(deploymentId));
    }

    // ------------------------------------------------------------------ helpers

    /** The environments of the projects whose repository is the payload's, compared by {@link RepositoryUrls}. */
    private List<EnvironmentSummary> environments(GitHubPayloads.Repository repository) {
        if (repository == null || repository.name() == null) {
            throw new WebhookProblems.MalformedPayload("repository");
        }
        Set<String> keys = repository.urls().stream().map(RepositoryUrls::key).flatMap(Optional::stream)
                .collect(Collectors.toSet());
        return projects.environmentsOfRepositoriesNamed(repository.name()).stream()
                .filter(environment -> RepositoryUrls.key(environment.project().repositoryUrl())
                        .filter(keys::contains).isPresent())
                .toList();
    }

    private static Map<String, Object> trigger(String trigger, String delivery) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("trigger", trigger);
        metadata.put("deliveryId", delivery);
        return metadata;
    }

    private <T> T parse(byte[] body, Class<T> type, String event) {
        try {
            T payload = json.readValue(body, type);
            if (payload == null) {
                throw new WebhookProblems.MalformedPayload(event);
            }
            return payload;
        }
        catch (JacksonException ex) {
            throw new WebhookProblems.MalformedPayload(event);
        }
    }
}
