package dev.autodeploy.deployer.target.local;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A process as the local target remembers it across deployer restarts: its pid and when it started, so that a pid
 * the system has since given to another process is never mistaken for it.
 *
 * @param startedAt as {@link ProcessHandle.Info#startInstant()} reported it
 */
record ProcessIdentity(long pid, Instant startedAt) {

    /**
     * How far a start instant may drift and still match. The JDK derives it from the boot time in whole seconds,
     * which differs by a second between readings and moves when the clock is stepped; a reused pid would also need
     * the whole pid range to wrap around within this window.
     */
    static final Duration START_TOLERANCE = Duration.ofSeconds(2);

    /** The identity of a running process; empty when it has exited or its start is unknown. */
    static Optional<ProcessIdentity> of(ProcessHandle handle) {
        return handle.info().startInstant().filter(start -> ProcessTree.isRunning(handle))
                .map(start -> new ProcessIdentity(handle.pid(), start));
    }

    /** The process, when it still runs and is the one that started at {@link #startedAt}. */
    Optional<ProcessHandle> find() {
        return ProcessHandle.of(pid)
                .filter(handle -> handle.info().startInstant().map(this::matches).orElse(false))
                .filter(ProcessTree::isRunning);
    }

    boolean isAlive() {
        return find().isPresent();
    }

    /**
     * Stops the process and everything it started, also after a deployer restart (when there is no
     * {@link Process} for it any more): see {@link ProcessTree#stop}. Idempotent.
     */
    void stopTree(Duration grace) {
        ProcessTree.of(this).stop(grace);
    }

    private boolean matches(Instant start) {
        return Duration.between(startedAt, start).abs().compareTo(START_TOLERANCE) <= 0;
    }
}
