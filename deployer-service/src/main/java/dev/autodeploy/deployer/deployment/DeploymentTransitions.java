package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.autodeploy.deployer.project.ProjectRegistry;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every change of a deployment's status or steps, each in one transaction with the event it publishes: the
 * row is locked, the change checked against {@link DeploymentStateMachine} and against who holds the
 * deployment (a worker's changes only while its claim lasts; a change without a worker only while none holds
 * it), written, and published with the deployment as it is afterwards. A change that finds the deployment moved
 * on throws {@link Superseded} and changes nothing.
 */
@Component
class DeploymentTransitions {

    /** The deployment is no longer the caller's to change: another worker took it, or it finished meanwhile. */
    static final class Superseded extends RuntimeException {
        Superseded(UUID id) {
            super("Deployment " + id + " moved on without this worker", null, false, false);
        }
    }

    private final DeploymentStore store;
    private final DeploymentEvents events;
    private final ProjectRegistry projects;
    private final ReleaseHistory history;
    private final SourceCheckouts sources;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DeploymentTransitions(DeploymentStore store, DeploymentEvents events, ProjectRegistry projects,
            ReleaseHistory history, SourceCheckouts sources, TransactionTemplate transactions, Clock clock) {
        this.history = history;
        this.sources = sources;
        this.store = store;
        this.events = events;
        this.projects = projects;
        this.transactions = transactions;
        this.clock = clock;
    }

    Deployment startStep(UUID id, Step step, String worker) {
        return change(id, worker, current -> {
            Instant now = clock.instant();
            DeploymentStatus previous = current.status();
            DeploymentStatus next = DeploymentStateMachine.whenStarting(previous, step);
            if (next != previous && !store.move(id, worker, previous, next, null, now)) {
                throw new Superseded(id);
            }
            stepMove(id, step, StepStatus.PENDING, StepStatus.RUNNING, null, null, now);
            Deployment after = store.find(id).orElseThrow();
            events.stepChanged(after, step, StepStatus.PENDING, StepStatus.RUNNING, null);
            if (next != previous) {
                events.statusChanged(after, previous, null);
            }
            return after;
        });
    }

    Deployment completeStep(UUID id, Step step, Map<String, String> output, String worker) {
        return change(id, worker, current -> {
            stepMove(id, step, StepStatus.RUNNING, StepStatus.COMPLETED, null, output, clock.instant());
            Deployment after = store.find(id).orElseThrow();
            events.stepChanged(after, step, StepStatus.RUNNING, StepStatus.COMPLETED, null);
            return after;
        });
    }

    Deployment skipStep(UUID id, Step step, String reason, String worker) {
        return change(id, worker, current -> {
            stepMove(id, step, StepStatus.RUNNING, StepStatus.SKIPPED, reason, Map.of(), clock.instant());
            Deployment after = store.find(id).orElseThrow();
            events.stepChanged(after, step, StepStatus.RUNNING, StepStatus.SKIPPED, reason);
            return after;
        });
    }

    /** The last step completed: the deployment is ready and its environment serves it. */
    Deployment ready(UUID id, Map<String, String> output, String url, String worker) {
        return change(id, worker, current -> finishReady(current, output, url, worker));
    }

    private Deployment finishReady(Deployment current, Map<String, String> output, String url, String worker) {
        Instant now = clock.instant();
        UUID id = current.id();
        boolean stepEnded = current.step(Step.DEPLOY_TO_PROVIDER).map(DeploymentStep::status)
                .orElse(null) == StepStatus.RUNNING;
        if (stepEnded) {
            stepMove(id, Step.DEPLOY_TO_PROVIDER, StepStatus.RUNNING, StepStatus.COMPLETED, null, output, now);
        }
        store.settlePending(id, StepStatus.SKIPPED);
        if (url != null) {
            store.recordUrl(id, url);
        }
        if (!store.move(id, worker, current.status(), DeploymentStatus.READY, null, now)) {
            throw new Superseded(id);
        }
        projects.serve(current.environmentId(), id);
        recordRelease(current, output);
        Deployment after = store.find(id).orElseThrow();
        if (stepEnded) {
            events.stepChanged(after, Step.DEPLOY_TO_PROVIDER, StepStatus.RUNNING, StepStatus.COMPLETED, null);
        }
        events.statusChanged(after, current.status(), null);
        return after;
    }

    /** The release the deployment leaves: what it built and deployed, with the variables it ran with. */
    private void recordRelease(Deployment current, Map<String, String> deployOutput) {
        Map<String, String> outputs = new java.util.LinkedHashMap<>();
        current.step(Step.BUILD_APPLICATION).map(DeploymentStep::output).ifPresent(outputs::putAll);
        current.step(Step.DEPLOY_TO_PROVIDER).map(DeploymentStep::output).ifPresent(outputs::putAll);
        if (deployOutput != null) {
            outputs.putAll(deployOutput);
        }
        history.ready(new ReleaseHistory.Ready(current.id(), current.organizationId(), current.projectId(),
                current.environmentId(), current.commitSha(), current.target(), current.action(), current.parentId(),
                outputs, current.build().asMap(), sources.directory(current.id())));
    }

    /** {@code step} (running, or null when none ran) failed: the deployment ends in error with the reason. */
    Deployment fail(UUID id, Step step, String reason, String worker) {
        return change(id, worker, current -> end(current, step, StepStatus.FAILED, DeploymentStatus.ERROR, reason,
                worker));
    }

    /** Cancelled while {@code step} ran (null: before any step ran). */
    Deployment cancel(UUID id, Step step, String reason, String worker) {
        return change(id, worker, current -> end(current, step, StepStatus.CANCELLED, DeploymentStatus.CANCELLED,
                reason, worker));
    }

    private Deployment end(Deployment current, Step step, StepStatus stepStatus, DeploymentStatus status,
            String reason, String worker) {
        Instant now = clock.instant();
        UUID id = current.id();
        boolean stepEnded = step != null && current.step(step).map(DeploymentStep::status)
                .orElse(null) == StepStatus.RUNNING;
        if (stepEnded) {
            stepMove(id, step, StepStatus.RUNNING, stepStatus, reason, null, now);
        }
        store.settlePending(id, status == DeploymentStatus.CANCELLED ? StepStatus.CANCELLED : StepStatus.SKIPPED);
        if (!DeploymentStateMachine.canMove(current.status(), status)
                || !store.move(id, worker, current.status(), status, reason, now)) {
            throw new Superseded(id);
        }
        Deployment after = store.find(id).orElseThrow();
        if (stepEnded) {
            events.stepChanged(after, step, StepStatus.RUNNING, stepStatus, reason);
        }
        events.statusChanged(after, current.status(), reason);
        return after;
    }

    /**
     * Ends a deployment no live worker holds (superseded while queued, cancelled before a worker got to it, out
     * of attempts after crashes, a CI callback that never came). Joins the caller's transaction, which holds the
     * environment's lock.
     */
    Deployment abandon(UUID id, DeploymentStatus status, String reason) {
        return transactions.execute(tx -> {
            Deployment current = store.lock(id).orElseThrow(() -> new Superseded(id));
            if (current.status().terminal()) {
                throw new Superseded(id);
            }
            Step running = current.runningStep().map(DeploymentStep::name).orElse(null);
            StepStatus stepStatus = status == DeploymentStatus.CANCELLED ? StepStatus.CANCELLED : StepStatus.FAILED;
            return end(current, running, stepStatus, status, reason, null);
        });
    }

    /** The step a dead worker left running starts over from pending (what it did is the target's to redo). */
    Deployment resumeInterrupted(UUID id, Step step) {
        return transactions.execute(tx -> {
            String reason = "Interrupted: the worker running this step stopped; running it again.";
            stepMove(id, step, StepStatus.RUNNING, StepStatus.PENDING, reason, null, clock.instant());
            Deployment after = store.find(id).orElseThrow();
            events.stepChanged(after, step, StepStatus.RUNNING, StepStatus.PENDING, reason);
            return after;
        });
    }

    /** The attempt failed in a way another may not: the step waits, and the deployment is let go until then. */
    Deployment retryLater(UUID id, Step step, String reason, Instant notBefore, String worker) {
        return change(id, worker, current -> {
            Instant now = clock.instant();
            stepMove(id, step, StepStatus.RUNNING, StepStatus.PENDING, reason, null, now);
            if (!store.release(id, worker, notBefore, reason, now)) {
                throw new Superseded(id);
            }
            Deployment after = store.find(id).orElseThrow();
            events.stepChanged(after, step, StepStatus.RUNNING, StepStatus.PENDING, reason);
            return after;
        });
    }

    /** A CI system runs the last step now and reports by callback: no worker holds the deployment meanwhile. */
    Deployment awaitCallback(UUID id, String worker) {
        return change(id, worker, current -> {
            store.awaitCallback(id, worker, true);
            return store.find(id).orElseThrow();
        });
    }

    /**
     * A status reported by the CI system running the deployment (or its user): forward moves only, each step
     * settled as that status implies.
     */
    Deployment reported(UUID id, DeploymentStatus status, String reason, String url) {
        return transactions.execute(tx -> {
            Deployment current = store.lock(id).orElseThrow(() -> new Superseded(id));
            if (current.status() == status) {
                return current;
            }
            if (!DeploymentStateMachine.canMove(current.status(), status)) {
                throw new Superseded(id);
            }
            Step running = current.runningStep().map(DeploymentStep::name).orElse(null);
            return switch (status) {
                case READY -> finishReady(current, Map.of(), url, null);
                case ERROR -> end(current, running, StepStatus.FAILED, status, reason, null);
                case CANCELLED -> end(current, running, StepStatus.CANCELLED, status, reason, null);
                default -> {
                    if (!store.move(id, null, current.status(), status, reason, clock.instant())) {
                        throw new Superseded(id);
                    }
                    Deployment after = store.find(id).orElseThrow();
                    events.statusChanged(after, current.status(), reason);
                    yield after;
                }
            };
        });
    }

    private interface Change {
        Deployment apply(Deployment current);
    }

    private Deployment change(UUID id, String worker, Change change) {
        return transactions.execute(tx -> {
            Deployment current = store.lock(id).orElseThrow(() -> new Superseded(id));
            if (current.status().terminal() || !Objects.equals(current.claimedBy(), worker)) {
                throw new Superseded(id);
            }
            return change.apply(current);
        });
    }

    private void stepMove(UUID id, Step step, StepStatus from, StepStatus to, String error, Map<String, String> output,
            Instant now) {
        if (!DeploymentStateMachine.canMove(from, to) || !store.moveStep(id, step, from, to, error, output, now)) {
            throw new Superseded(id);
        }
    }
}
