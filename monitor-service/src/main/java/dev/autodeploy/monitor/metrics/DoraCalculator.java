package dev.autodeploy.monitor.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The four DORA metrics of environments' deployment histories over a window (definitions in the module README):
 * computed per environment, then pooled (counts added, samples joined) when several environments are asked for.
 */
final class DoraCalculator {

    private DoraCalculator() {
    }

    /** What the window holds; the {@code *Seconds} lists are the samples the medians are taken of. */
    record DoraFigures(int successfulDeployments, double deploymentsPerDay, List<Double> leadTimeSeconds,
            int failedChanges, int finishedDeployments, List<Double> restoreSeconds, int unrestoredFailures) {

        /** failed changes / deployments that finished ready or error; null when none finished. */
        Double changeFailureRate() {
            return finishedDeployments == 0 ? null : (double) failedChanges / finishedDeployments;
        }
    }

    /** {@code environments}: each environment's runs in creation order, as {@link DeliveryHistory} reads them. */
    static DoraFigures compute(Collection<List<DeliveryRun>> environments, MetricsWindow window) {
        int successful = 0;
        int failed = 0;
        int finished = 0;
        int unrestored = 0;
        List<Double> leadTimes = new ArrayList<>();
        List<Double> restores = new ArrayList<>();
        for (List<DeliveryRun> runs : environments) {
            Set<UUID> failedChanges = failedChanges(runs);
            for (DeliveryRun run : runs) {
                if (!window.contains(run.finishedAt()) || !(run.ready() || run.error())) {
                    continue;
                }
                finished++;
                if (failedChanges.contains(run.id())) {
                    failed++;
                }
                if (run.ready()) {
                    successful++;
                    // a rollback redeploys an old commit: not a change, so no lead time
                    if (!run.rollback() && run.commitTime() != null) {
                        leadTimes.add(seconds(run.commitTime(), run.finishedAt()));
                    }
                }
            }
            unrestored += restores(runs, failedChanges, window, restores);
        }
        return new DoraFigures(successful, successful / window.days(), leadTimes, failed, finished, restores,
                unrestored);
    }

    /**
     * The failed changes of one environment: runs that ended in {@code error}, and runs that went {@code ready}
     * and were then rolled back from (the next deployment of the environment that was not cancelled, and does not
     * wait for approval, is a rollback).
     */
    static Set<UUID> failedChanges(List<DeliveryRun> runs) {
        Set<UUID> failed = new HashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            DeliveryRun run = runs.get(i);
            if (run.error()) {
                failed.add(run.id());
            }
            else if (run.ready()) {
                runs.stream().skip(i + 1).filter(next -> !next.cancelled() && !next.awaitingApproval()).findFirst()
                        .filter(DeliveryRun::rollback).ifPresent(next -> failed.add(run.id()));
            }
        }
        return failed;
    }

    /**
     * Adds to {@code samples} the restore times of the incidents that began in the window, and returns how many of
     * those were not restored by its end. An incident begins when a failed change finishes (errors, or goes ready
     * to be rolled back later) while the environment is healthy; failures while it is open join it; it ends when a
     * deployment that is not a failed change goes ready.
     */
    private static int restores(List<DeliveryRun> runs, Set<UUID> failedChanges, MetricsWindow window,
            List<Double> samples) {
        List<DeliveryRun> ended = runs.stream().filter(run -> run.finishedAt() != null && (run.ready() || run.error()))
                .sorted(Comparator.comparing(DeliveryRun::finishedAt)).toList();
        Instant open = null;
        for (DeliveryRun run : ended) {
            if (failedChanges.contains(run.id())) {
                open = open == null ? run.finishedAt() : open;
            }
            else if (open != null) {
                if (window.contains(open)) {
                    samples.add(seconds(open, run.finishedAt()));
                }
                open = null;
            }
        }
        return open != null && window.contains(open) ? 1 : 0;
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000d;
    }
}
