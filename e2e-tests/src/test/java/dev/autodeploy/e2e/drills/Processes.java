package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/** What a drill does to the suite's processes: signals, their command lines and environments, commands run. */
final class Processes {

    private Processes() {
    }

    /** Whether {@code pid} is a live process (a reaped-or-not killed one, state Z, counts as dead). */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isPresent() && !zombie(pid);
    }

    /** Sends a signal ({@code KILL}, {@code TERM}, {@code STOP}, {@code CONT}) to one process. */
    static void signal(long pid, String signal) {
        run(List.of("kill", "-" + signal, Long.toString(pid)), Map.of(), Path.of("."), Duration.ofSeconds(10));
    }

    /** Kills one process with SIGKILL and waits until it is gone. */
    static void kill9(long pid) {
        signal(pid, "KILL");
        awaitGone(pid, Duration.ofSeconds(15));
    }

    static void awaitGone(long pid, Duration atMost) {
        await("process " + pid + " gone").atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> !alive(pid));
    }

    /** The command line a process was started with. */
    static List<String> commandLine(long pid) {
        return List.of(read(Path.of("/proc", Long.toString(pid), "cmdline")).split("\0"));
    }

    /** The environment a process was started with (it holds secrets: never print it). */
    static Map<String, String> environment(long pid) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (String entry : read(Path.of("/proc", Long.toString(pid), "environ")).split("\0")) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                environment.put(entry.substring(0, equals), entry.substring(equals + 1));
            }
        }
        return environment;
    }

    /** Whether something accepts TCP connections on 127.0.0.1:{@code port}. */
    static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Runs a command to its end and returns its output (stdout and stderr); fails when it exits non-zero. */
    static String run(List<String> command, Map<String, String> environment, Path directory, Duration timeout) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            Path output = Files.createTempFile("drills-", ".out");
            try {
                builder.redirectOutput(output.toFile());
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout
                            + ":\n" + Files.readString(output));
                }
                String text = Files.readString(output);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Reads a pid file, if there is one. */
    static Optional<Long> pidFile(Path file) {
        try {
            return Files.exists(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean zombie(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            return text.substring(text.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
