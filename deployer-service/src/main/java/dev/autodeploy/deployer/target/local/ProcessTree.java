package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A process and everything it started: its descendants, plus the processes left in the session it leads (children
 * the local target starts are session leaders, see {@link ChildProcess}), which catches grandchildren orphaned when
 * their parent exited. Linux only: it reads {@code /proc}.
 */
final class ProcessTree {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long rootPid;
    private final Instant rootStartedAt;
    private final Optional<ProcessHandle> root;

    private ProcessTree(long rootPid, Instant rootStartedAt, Optional<ProcessHandle> root) {
        this.rootPid = rootPid;
        this.rootStartedAt = rootStartedAt;
        this.root = root;
    }

    /** The tree of the identified process; when it is gone, what is left of its session. */
    static ProcessTree of(ProcessIdentity identity) {
        return new ProcessTree(identity.pid(), identity.startedAt(), identity.find());
    }

    static ProcessTree of(ProcessHandle root, Instant startedAt) {
        return new ProcessTree(root.pid(), startedAt, Optional.of(root));
    }

    /** The members running now, the root first when it runs. Zombies do not count: they have already exited. */
    List<ProcessHandle> members() {
        Map<Long, ProcessHandle> members = new LinkedHashMap<>();
        root.ifPresent(handle -> {
            members.put(handle.pid(), handle);
            handle.descendants().forEach(descendant -> members.put(descendant.pid(), descendant));
        });
        long self = ProcessHandle.current().pid();
        Instant notBefore = rootStartedAt.minus(ProcessIdentity.START_TOLERANCE);
        ProcessHandle.allProcesses()
                .filter(handle -> !members.containsKey(handle.pid()) && handle.pid() != self)
                .filter(handle -> sessionOf(handle.pid()) == rootPid)
                // a session outlives its leader, so its id can only be reused once it is empty; a member started
                // before the leader would belong to an older session of that id
                .filter(handle -> handle.info().startInstant().map(start -> !start.isBefore(notBefore))
                        .orElse(false))
                .forEach(handle -> members.put(handle.pid(), handle));
        return members.values().stream().filter(ProcessTree::isRunning).toList();
    }

    /** The resident set size of all members, in bytes ({@code VmRSS}; pages shared between them count for each). */
    long residentBytes() {
        return members().stream().mapToLong(handle -> residentBytes(handle.pid())).sum();
    }

    /**
     * Sends SIGTERM to every member, waits up to {@code grace} for them to exit, then sends SIGKILL to whatever
     * is left, including processes started in the meantime, and waits briefly for those. Idempotent. When
     * interrupted it stops waiting, kills at once and keeps the interrupt.
     */
    void stop(Duration grace) {
        List<ProcessHandle> members = members();
        if (members.isEmpty()) {
            return;
        }
        members.forEach(ProcessHandle::destroy);
        boolean interrupted = !awaitGone(members, grace);
        Map<Long, ProcessHandle> remaining = new LinkedHashMap<>();
        members.stream().filter(ProcessTree::isRunning).forEach(handle -> remaining.put(handle.pid(), handle));
        members().forEach(handle -> remaining.put(handle.pid(), handle));
        remaining.values().forEach(ProcessHandle::destroyForcibly);
        if (!interrupted) {
            interrupted = !awaitGone(remaining.values(), KILL_WAIT);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the process runs: it exists and is not a zombie waiting to be reaped. */
    static boolean isRunning(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        List<String> fields = statFields(handle.pid());
        return !fields.isEmpty() && !fields.getFirst().equals("Z") && !fields.getFirst().equals("X");
    }

    /** @return false when interrupted */
    private static boolean awaitGone(Iterable<ProcessHandle> handles, Duration timeout) {
        // polled rather than onExit(): for processes that are not our children the JDK notices exits seconds late
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ProcessHandle> waiting = new ArrayList<>();
        handles.forEach(waiting::add);
        while (true) {
            waiting.removeIf(handle -> !isRunning(handle));
            if (waiting.isEmpty() || System.nanoTime() - deadline >= 0) {
                return true;
            }
            LockSupport.parkNanos(POLL_NANOS);
            if (Thread.interrupted()) {
                return false;
            }
        }
    }

    private static long sessionOf(long pid) {
        List<String> fields = statFields(pid);
        return fields.size() > 3 ? Long.parseLong(fields.get(3)) : -1;
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name (state, ppid, pgrp, session...); empty if gone. */
    private static List<String> statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // the command name is in parentheses and may itself contain blanks and parentheses
            return List.of(stat.substring(stat.lastIndexOf(')') + 1).trim().split(" "));
        } catch (IOException | RuntimeException gone) {
            return List.of();
        }
    }

    private static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    String[] value = line.substring("VmRSS:".length()).trim().split("\\s+");
                    return Long.parseLong(value[0]) * (value.length > 1 && value[1].equals("kB") ? 1024 : 1);
                }
            }
        } catch (IOException | RuntimeException gone) {
            // exited, or a kernel thread or zombie without memory of its own
        }
        return 0;
    }
}
