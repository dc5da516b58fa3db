package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.deployer.config.WorkerIdentity;
import dev.autodeploy.deployer.project.EnvironmentSummary;
import dev.autodeploy.deployer.project.ProjectRegistry;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.DeployTarget;
import dev.autodeploy.deployer.target.DeployTargets;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one claimed deployment through its steps — {@code analyze_repository} (resolve the commit, check it out),
 * {@code provision_database}, {@code build_application} (the target builds a release, or a rollback reuses the
 * one it still holds), {@code deploy_to_provider} (the target makes the release what the environment serves) —
 * starting at the first step not yet done, so a deployment resumed after a crash never runs a finished step
 * again. Each step's start and end is a transition with its event; a failure ends the deployment in
 * {@code error}, unless it is retryable and attempts are left (then it waits, back-off growing, for the sweeper
 * to queue it again); a cancellation stops the running step and ends it {@code cancelled}.
 */
@Component
class DeploymentRunner {

    private static final Logger log = LoggerFactory.getLogger(DeploymentRunner.class);

    private final DeploymentTransitions transitions;
    private final DeploymentStore store;
    private final DeploymentContexts contexts;
    private final SourceCheckouts sources;
    private final DatabaseProvisioning databases;
    private final RunningDeployments running;
    private final ProjectRegistry projects;
    private final DeployTargets targets;
    private final WorkerIdentity identity;
    private final DeploymentProperties properties;
    private final TransactionTemplate transactions;
    private final ReleaseHistory history;
    private final Clock clock;
    private final DeploymentAudit audit;

    DeploymentRunner(DeploymentTransitions transitions, DeploymentStore store, DeploymentContexts contexts,
            SourceCheckouts sources, DatabaseProvisioning databases, RunningDeployments running,
            ProjectRegistry projects, DeployTargets targets, WorkerIdentity identity, DeploymentProperties properties,
            TransactionTemplate transactions, ReleaseHistory history, Clock clock, DeploymentAudit audit) {
        this.history = history;
        this.audit = audit;
        this.transitions = transitions;
        this.store = store;
        this.contexts = contexts;
        this.sources = sources;
        this.databases = databases;
        this.running = running;
        this.projects = projects;
        this.targets = targets;
        this.identity = identity;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** What one run of a deployment works with. */
    private static final class Work {

        private final RunningDeployments.Run run;
        private final DeploymentLog log;
        private final EnvironmentSummary environment;
        private final DeployTarget target;
        private Deployment deployment;
        private DeploymentContexts.Prepared prepared;
        private Release release;

        Work(RunningDeployments.Run run, DeploymentLog log, EnvironmentSummary environment, DeployTarget target,
                Deployment deployment) {
            this.run = run;
            this.log = log;
            this.environment = environment;
            this.target = target;
            this.deployment = deployment;
        }

        UUID id() {
            return deployment.id();
        }
    }

    void run(Deployment claimed) {
        UUID id = claimed.id();
        String worker = identity.worker();
        RunningDeployments.Run run = running.start(id, claimed.cancelRequested());
        DeploymentLog deploymentLog = contexts.log(claimed, Set.of());
        try {
            Optional<EnvironmentSummary> environment = projects.environment(claimed.environmentId());
            Optional<DeployTarget> target = targets.find(claimed.target());
            if (environment.isEmpty() || target.isEmpty()) {
                run.ending();
                String reason = environment.isEmpty() ? "The environment no longer exists."
                        : "The deploy target '" + claimed.target() + "' is not available on this deployer.";
                deploymentLog.error(reason);
                transitions.fail(id, null, reason, worker);
                return;
            }
            run.target(target.get());
            Work work = new Work(run, deploymentLog, environment.get(), target.get(), claimed);
            if (claimed.attempts() > 1) {
                deploymentLog.info("Attempt " + claimed.attempts() + " of " + properties.attempts()
                        + (claimed.lastError() == null ? "" : " (the last one: " + claimed.lastError() + ")"));
            }
            steps(work, worker);
        }
        catch (DeploymentTransitions.Superseded ex) {
            log.info("Deployment {} moved on without worker {}; leaving it", id, worker);
        }
        catch (RuntimeException ex) {
            // Not a step's failure (those are handled per step): the database went away mid-transition, say.
            log.error("Running deployment {} failed unexpectedly; it will be tried again", id, ex);
            try {
                Instant now = clock.instant();
                transactions.executeWithoutResult(tx -> store.release(id, worker,
                        now.plus(properties.backoff(claimed.attempts())), "The deployer failed unexpectedly", now));
            }
            catch (RuntimeException ignored) {
                // The claim then simply runs out.
            }
        }
        finally {
            running.finish(id);
            deploymentLog.step(null);
            store.find(id).filter(after -> after.status().terminal()).ifPresent(after -> sources.delete(id));
        }
    }

    private void steps(Work work, String worker) {
        for (Step step : Step.values()) {
            DeploymentStep state = work.deployment.step(step).orElseThrow();
            if (state.status().settled()) {
                continue;
            }
            if (work.run.cancelRequested()) {
                work.run.ending();
                work.log.warn("Cancelled before " + step.wire());
                transitions.cancel(work.id(), null, cancelReason(work.id()), worker);
                return;
            }
            work.deployment = transitions.startStep(work.id(), step, worker);
            work.log.step(step);
            try {
                if (!runStep(work, step, worker)) {
                    return;
                }
            }
            catch (DeployFailure failure) {
                failed(work, step, failure, worker);
                return;
            }
            catch (DeploymentTransitions.Superseded ex) {
                throw ex;
            }
            catch (RuntimeException ex) {
                log.error("Step {} of deployment {} failed unexpectedly", step.wire(), work.id(), ex);
                failed(work, step, DeployFailure.retryable("The " + step.wire() + " step failed unexpectedly ("
                        + ex.getClass().getSimpleName() + ")"), worker);
                return;
            }
        }
    }

    /** Runs the step and records its end; false when the deployment does not go on here (it waits for a callback). */
    private boolean runStep(Work work, Step step, String worker) throws DeployFailure {
        UUID id = work.id();
        switch (step) {
            case ANALYZE_REPOSITORY -> work.deployment = transitions.completeStep(id, step, analyze(work), worker);
            case PROVISION_DATABASE -> {
                Optional<String> database = databases.ensure(work.environment, work.deployment.provisionDatabase(),
                        work.deployment.triggeredBy(), work.log);
                work.deployment = database.isPresent()
                        ? transitions.completeStep(id, step, Map.of("database", database.get()), worker)
                        : transitions.skipStep(id, step, "The environment has no database and none was asked for.",
                                worker);
            }
            case BUILD_APPLICATION -> {
                work.release = build(work);
                work.deployment = transitions.completeStep(id, step, output(work.release), worker);
            }
            case DEPLOY_TO_PROVIDER -> {
                if (work.prepared == null) {
                    prepare(work);
                }
                Release release = work.release != null ? work.release : release(work.deployment)
                        .orElseThrow(() -> DeployFailure.failed("The build step recorded no release."));
                Deployed deployed = work.target.deploy(work.prepared.context(), release, work.log);
                if (work.target.reportsStatusByCallback()) {
                    transitions.awaitCallback(id, worker);
                    work.log.info("Started on " + work.target.id() + "; waiting for it to report the outcome");
                    return false;
                }
                work.run.ending();
                Map<String, String> output = new LinkedHashMap<>();
                if (deployed.url() != null) {
                    output.put("url", deployed.url());
                }
                deployed.attributes().forEach((key, value) -> output.put("deployed." + key, value));
                work.deployment = transitions.ready(id, output, deployed.url(), worker);
                work.log.info("Ready" + (deployed.url() == null ? "" : " at " + deployed.url()));
            }
        }
        return true;
    }

    private Map<String, String> analyze(Work work) throws DeployFailure {
        Deployment deployment = work.deployment;
        String commit = deployment.commitSha();
        String branch = deployment.branch();
        if (commit == null) {
            commit = sources.resolve(deployment.repositoryUrl(), branch).orElseThrow(() -> DeployFailure.failed(
                    "The repository has no branch '" + branch + "'."));
            work.log.info("Branch " + branch + " is at " + commit);
        }
        Map<String, String> output = new LinkedHashMap<>();
        output.put("commitSha", commit);
        if (Deployment.ROLLBACK.equals(deployment.action()) && reusable(work).isPresent()) {
            work.log.info("Rolling back to " + shortSha(commit) + ": the release is still here, nothing to check out");
            if (deployment.commitSha() == null) {
                record(deployment.id(), commit, null, null);
            }
            return output;
        }
        SourceCheckouts.Source source = sources.checkout(deployment.id(), deployment.repositoryUrl(), branch, commit);
        record(deployment.id(), commit, source.commit().message(), source.commit().committedAt());
        work.log.info("Checked out " + shortSha(commit) + " \"" + firstLine(source.commit().message()) + "\" by "
                + source.commit().authorName() + " from " + deployment.repositoryUrl()
                + (branch == null ? "" : " (" + branch + ")"));
        output.put("source", source.directory().toString());
        return output;
    }

    private void record(UUID id, String commit, String message, Instant committedAt) {
        transactions.executeWithoutResult(tx -> store.recordCommit(id, commit, message, committedAt, clock.instant()));
    }

    private Release build(Work work) throws DeployFailure {
        work.target.create(work.environment.asTarget());
        prepare(work);
        if (Deployment.ROLLBACK.equals(work.deployment.action())) {
            Optional<Release> reused = reusable(work);
            if (reused.isPresent()) {
                work.log.info("Reusing the release built by deployment " + reused.get().builtBy()
                        + (reused.get().checksum() == null ? "" : " (" + reused.get().checksum() + ")"));
                return reused.get();
            }
        }
        if (work.prepared.context().source() == null) {
            // Skipped by a rollback that expected to reuse a release which is gone now, or removed since.
            Deployment deployment = work.deployment;
            sources.checkout(deployment.id(), deployment.repositoryUrl(), deployment.branch(), deployment.commitSha());
            prepare(work);
        }
        return work.target.build(work.prepared.context(), work.log);
    }

    /** The context with the environment's variables as they are now, which the deployment records. */
    private void prepare(Work work) {
        Deployment fresh = store.find(work.id()).orElseThrow();
        work.deployment = fresh;
        work.prepared = contexts.prepare(fresh, work.environment);
        work.log.mask(work.prepared.secrets());
        long version = work.prepared.context().variablesVersion();
        transactions.executeWithoutResult(tx -> store.recordVariablesVersion(work.id(), version));
    }

    /** For a rollback: the release its parent deployed, if the target still holds it. */
    private Optional<Release> reusable(Work work) {
        UUID parentId = work.deployment.parentId();
        if (parentId == null) {
            return Optional.empty();
        }
        Optional<Release> parentRelease = store.find(parentId).flatMap(DeploymentRunner::release);
        if (parentRelease.isEmpty()) {
            return Optional.empty();
        }
        DeploymentContext context = work.prepared != null ? work.prepared.context()
                : contexts.prepare(work.deployment, work.environment).context();
        return work.target.reuse(context, parentRelease.get().builtBy());
    }

    private void failed(Work work, Step step, DeployFailure failure, String worker) {
        UUID id = work.id();
        String message = failure.getMessage();
        if (failure.cancelled() || work.run.cancelRequested()) {
            work.run.ending();
            work.log.warn("Cancelled during " + step.wire());
            transitions.cancel(id, step, cancelReason(id), worker);
            return;
        }
        if (work.run.lost()) {
            return;
        }
        int attempts = work.deployment.attempts();
        if (failure.retryable() && attempts < properties.attempts()) {
            Duration wait = properties.backoff(attempts);
            work.log.warn(message + " — trying again in " + wait.toSeconds() + " s (attempt " + (attempts + 1)
                    + " of " + properties.attempts() + ")");
            transitions.retryLater(id, step, message, clock.instant().plus(wait), worker);
            return;
        }
        work.run.ending();
        String reason = failure.retryable() ? "Gave up after " + attempts + " attempts: " + message : message;
        boolean rolledBack = false;
        if (failure.keptPrevious()) {
            UUID serving = projects.environment(work.deployment.environmentId())
                    .map(EnvironmentSummary::currentDeploymentId).orElse(null);
            if (serving != null) {
                reason = reason + " The environment still serves deployment " + serving + " (rolled back automatically).";
                Map<String, Object> rollback = Map.of("rolledBackTo", serving.toString(), "automatic", true);
                String reasonRolledBack = reason;
                transactions.executeWithoutResult(tx -> {
                    store.mergeMetadata(id, Map.of("autoRollback", rollback), clock.instant());
                    audit.rolledBack(work.deployment, serving, reasonRolledBack);
                });
                rolledBack = true;
            }
        }
        work.log.error(reason);
        String failedReason = reason;
        if (rolledBack && work.deployment.commitSha() != null) {
            // Rolled back automatically: the commit is blocked in the environment in the failure's transaction.
            Deployment failed = work.deployment;
            transactions.executeWithoutResult(tx -> {
                history.rolledBack(new ReleaseHistory.RolledBack(failed.organizationId(), failed.environmentId(),
                        failed.environment(), failed.commitSha(), failed.id(), null, null));
                transitions.fail(id, step, failedReason, worker);
            });
            return;
        }
        transitions.fail(id, step, reason, worker);
    }

    /** The release a deployment's build step recorded. */
    static Optional<Release> release(Deployment deployment) {
        return deployment.step(Step.BUILD_APPLICATION).filter(step -> step.status() == StepStatus.COMPLETED)
                .map(DeploymentStep::output).filter(output -> output.containsKey("release.builtBy"))
                .map(output -> {
                    Map<String, String> attributes = new LinkedHashMap<>();
                    output.forEach((key, value) -> {
                        if (key.startsWith("release.attribute.")) {
                            attributes.put(key.substring("release.attribute.".length()), value);
                        }
                    });
                    return new Release(UUID.fromString(output.get("release.builtBy")), output.get("release.reference"),
                            output.get("release.checksum"), attributes);
                });
    }

    private static Map<String, String> output(Release release) {
        Map<String, String> output = new LinkedHashMap<>();
        output.put("release.builtBy", release.builtBy().toString());
        if (release.reference() != null) {
            output.put("release.reference", release.reference());
        }
        if (release.checksum() != null) {
            output.put("release.checksum", release.checksum());
        }
        release.attributes().forEach((key, value) -> output.put("release.attribute." + key, value));
        return output;
    }

    private String cancelReason(UUID id) {
        UUID by = store.find(id).map(Deployment::cancelledBy).orElse(null);
        return by == null ? "Cancelled." : "Cancelled by user " + by + ".";
    }

    static String shortSha(String commit) {
        return commit == null ? "?" : commit.substring(0, Math.min(7, commit.length()));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() > 100 ? line.substring(0, 100) + "…" : line;
    }
}
