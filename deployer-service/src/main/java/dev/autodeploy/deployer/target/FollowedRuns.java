package dev.autodeploy.deployer.target;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The external runs (a Jenkins build, a workflow run, a pipeline) a CI target follows on this replica, one per
 * deployment. {@link #cancel} wakes the deployment's follower at once instead of at its next poll. A deployer that
 * is stopping (the follower's thread interrupted) gives the deployment back as retryable rather than cancelling the
 * run: the next attempt, on this replica or another, follows the same run.
 */
public final class FollowedRuns {

    private final Map<UUID, Run> runs = new ConcurrentHashMap<>();

    /** One deployment's run being followed here. */
    public static final class Run {

        private final UUID environmentId;
        private final CountDownLatch cancelled = new CountDownLatch(1);

        private Run(UUID environmentId) {
            this.environmentId = environmentId;
        }

        /** Whether the deployment was cancelled (or its environment removed) while followed. */
        public boolean cancelled() {
            return cancelled.getCount() == 0;
        }

        /**
         * Waits until the next poll; true when the deployment was cancelled meanwhile. Throws a retryable failure
         * when the deployer is stopping.
         */
        public boolean await(Duration interval) throws DeployFailure {
            try {
                return cancelled.await(interval.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                throw DeployFailure.retryable("The deployer stopped while following the run; the next attempt "
                        + "follows the same run");
            }
        }

        private void cancel() {
            cancelled.countDown();
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
        run.cancel();
        return true;
    }

    /** Stops every follower of the environment's deployments (it is being removed). */
    public void cancelEnvironment(UUID environmentId) {
        runs.values().stream().filter(run -> run.environmentId.equals(environmentId)).forEach(Run::cancel);
    }
}
