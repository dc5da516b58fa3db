package dev.autodeploy.deployer.target;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * The external runs (a Jenkins build, a workflow run, a pipeline) the CI targets follow on this replica, one per
 * deployment, polled between waits. {@link #cancel} wakes the deployment's follower to stop; {@link #nudge} wakes
 * it to poll at once, because the provider's webhook or callback said the run moved (the target still asks the
 * provider: a callback is a hint, never the outcome). A deployer that is stopping (the follower's thread
 * interrupted) gives the deployment back as retryable rather than cancelling the run: the next attempt, on this
 * replica or another, follows the same run. A hint that reaches another replica changes nothing; its follower
 * polls on.
 */
@Component
public class FollowedRuns {

    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();

    /** One deployment's run being followed here. */
    public static final class Run {

        private final UUID environmentId;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private boolean cancelled;
        private boolean nudged;

        private Run(UUID environmentId) {
            this.environmentId = environmentId;
        }

        /** Whether the deployment was cancelled (or its environment removed) while followed. */
        public boolean cancelled() {
            lock.lock();
            try {
                return cancelled;
            }
            finally {
                lock.unlock();
            }
        }

        /**
         * Waits until the next poll — {@code interval}, or less when cancelled or nudged; true when cancelled.
         * Throws a retryable failure when the deployer is stopping.
         */
        public boolean await(Duration interval) throws DeployFailure {
            lock.lock();
            try {
                long nanos = interval.toNanos();
                while (!cancelled && !nudged && nanos > 0) {
                    nanos = changed.awaitNanos(nanos);
                }
                nudged = false;
                return cancelled;
            }
            catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw DeployFailure.retryable("The deployer stopped while following the run; the next attempt "
                        + "follows the same run");
            }
            finally {
                lock.unlock();
            }
        }

        private void signal(boolean cancel) {
            lock.lock();
            try {
                if (cancel) {
                    cancelled = true;
                }
                else {
                    nudged = true;
                }
                changed.signalAll();
            }
            finally {
                lock.unlock();
            }
        }
    }

    /** Starts following the deployment's run (the same handle when it is already followed). */
    public Run follow(UUID deploymentId, UUID environmentId) {
        return runs.computeIfAbsent(deploymentId, key -> new Run(environmentId));
    }

    /** Stops following it; call from a {@code finally}. */
    public void finished(UUID deploymentId, Run run) {
        runs.remove(deploymentId, run);
    }

    /** Wakes and stops the deployment's follower; false when this replica does not follow it. */
    public boolean cancel(UUID deploymentId) {
        Run run = runs.get(deploymentId);
        if (run == null) {
            return false;
        }
        run.signal(true);
        return true;
    }

    /** Makes the deployment's follower poll now; false when this replica does not follow it. */
    public boolean nudge(UUID deploymentId) {
        Run run = runs.get(deploymentId);
        if (run == null) {
            return false;
        }
        run.signal(false);
        return true;
    }

    /** Stops every follower of the environment's deployments (it is being removed). */
    public void cancelEnvironment(UUID environmentId) {
        runs.values().stream().filter(run -> run.environmentId.equals(environmentId)).forEach(run -> run.signal(true));
    }
}
