package dev.autodeploy.deployer.deployment;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import dev.autodeploy.deployer.config.WorkerIdentity;
import dev.autodeploy.deployer.target.DeployTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The deployments this replica's workers run now, and their heartbeat: every {@code heartbeat} the claims are
 * extended by {@code lease} in one statement, which also tells which of them someone asked to cancel (the
 * target is then told to stop the running step) and which the worker no longer holds (the target is stopped
 * too; the runner gives up at its next step).
 */
@Component
class RunningDeployments {

    private static final Logger log = LoggerFactory.getLogger(RunningDeployments.class);

    private final DeploymentStore store;
    private final WorkerIdentity identity;
    private final DeploymentProperties properties;
    private final Clock clock;
    private final Map<UUID, Run> running = new ConcurrentHashMap<>();

    RunningDeployments(DeploymentStore store, WorkerIdentity identity, DeploymentProperties properties, Clock clock) {
        this.store = store;
        this.identity = identity;
        this.properties = properties;
        this.clock = clock;
    }

    /** One deployment a worker of this replica runs. */
    static final class Run {

        private final UUID id;
        private volatile DeployTarget target;
        private volatile boolean cancelRequested;
        private volatile boolean lost;
        private volatile boolean ending;

        Run(UUID id) {
            this.id = id;
        }

        void target(DeployTarget target) {
            this.target = target;
        }

        boolean cancelRequested() {
            return cancelRequested;
        }

        boolean lost() {
            return lost;
        }

        /**
         * Tells the target to stop, again on every heartbeat while the run lasts: a cancel that reaches the target
         * between the runner's check before a step and the target starting that step's work finds nothing to stop,
         * and only a later call stops it ({@link DeployTarget#cancel} is idempotent, cheap while a CI run is
         * followed).
         */
        void cancel() {
            cancelRequested = true;
            stopTarget();
        }

        /** The runner is writing the deployment's end: its claim ends with it, which is not a loss. */
        void ending() {
            ending = true;
        }

        void lose() {
            if (!lost && !ending) {
                lost = true;
                stopTarget();
            }
        }

        private void stopTarget() {
            DeployTarget current = target;
            if (current != null) {
                current.cancel(id);
            }
        }
    }

    Run start(UUID id, boolean cancelRequested) {
        Run run = new Run(id);
        if (cancelRequested) {
            run.cancelRequested = true;
        }
        running.put(id, run);
        return run;
    }

    void finish(UUID id) {
        running.remove(id);
    }

    /** Tells the deployment's run to stop now, when it runs on this replica (otherwise its heartbeat will). */
    void cancelHere(UUID id) {
        Run run = running.get(id);
        if (run != null) {
            run.cancel();
        }
    }

    Set<UUID> ids() {
        return Set.copyOf(running.keySet());
    }

    @Scheduled(fixedDelayString = "${autodeploy.deployer.deployments.heartbeat:2s}")
    void heartbeat() {
        if (running.isEmpty()) {
            return;
        }
        Set<UUID> ids = ids();
        List<DeploymentStore.Held> held;
        try {
            held = store.extend(identity.worker(), ids, clock.instant().plus(properties.lease()));
        }
        catch (RuntimeException ex) {
            // The database is away: the claims run out if it stays away, and another worker takes over.
            log.warn("Could not renew claims on {} deployment(s): {}", ids.size(), ex.getClass().getSimpleName());
            return;
        }
        Map<UUID, Boolean> cancel = held.stream()
                .collect(Collectors.toMap(DeploymentStore.Held::id, DeploymentStore.Held::cancelRequested));
        for (UUID id : ids) {
            Run run = running.get(id);
            if (run == null) {
                continue;
            }
            Boolean cancelRequested = cancel.get(id);
            if (cancelRequested == null) {
                log.warn("Deployment {} is no longer held by this worker; stopping its work", id);
                run.lose();
            }
            else if (cancelRequested) {
                run.cancel();
            }
        }
    }
}
