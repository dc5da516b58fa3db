package dev.autodeploy.deployer.target.local;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import dev.autodeploy.deployer.target.CommandLine.Invocation;

/**
 * One program the local target runs: a build step or an app instance.
 *
 * <p>The program gets exactly the environment it is given and nothing of the deployer's, whose environment holds
 * secrets; it is looked up on that environment's {@code PATH}. Standard input is {@code /dev/null}. It starts in a
 * session of its own (through {@code setsid} when installed), so that a signal to the deployer's terminal does not
 * reach apps, and so that {@link #stop} also finds grandchildren whose parent has exited. With
 * {@link Launch#maxOpenFiles()} it runs under {@code prlimit}, when installed, with that many open files and no core
 * dumps (there is no memory limit here: an address space limit breaks Node and Java, a watchdog checks
 * {@link ProcessTree#residentBytes()} instead).
 */
final class ChildProcess {

    /** How long {@link #onExit()} waits for piped output after the exit: a daemon it left may hold the pipes. */
    private static final Duration OUTPUT_DRAIN = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(ChildProcess.class.getName());

    private static final Executor VIRTUAL_THREADS = task -> Thread.ofVirtual().name("child-process-exit").start(task);

    private final Process process;
    private final Instant startInstant;
    private final CompletableFuture<Integer> exit;

    private ChildProcess(Process process, Instant startInstant, CompletableFuture<Integer> exit) {
        this.process = process;
        this.startInstant = startInstant;
        this.exit = exit;
    }

    /**
     * What to run.
     *
     * @param argv the program, looked up on {@code environment}'s {@code PATH} unless it holds a {@code /} (then
     *     relative to {@code directory}), and its arguments
     * @param environment the program's whole environment: {@code PATH}, {@code HOME} and everything else it needs
     * @param maxOpenFiles when present, runs the program under {@code prlimit} with this many open files (at most
     *     the deployer's own hard limit) and no core dumps
     */
    record Launch(List<String> argv, Path directory, Map<String, String> environment, OptionalInt maxOpenFiles) {

        Launch {
            argv = List.copyOf(argv);
            if (argv.isEmpty() || argv.getFirst().isEmpty()) {
                throw new IllegalArgumentException("a launch needs a program");
            }
            environment = Map.copyOf(environment);
        }

        /** Runs an invocation with {@code environment} plus the invocation's own assignments. */
        static Launch of(Invocation invocation, Path directory, Map<String, String> environment,
                OptionalInt maxOpenFiles) {
            return new Launch(invocation.argv(), directory, invocation.environment(environment), maxOpenFiles);
        }

        @Override
        public String toString() {
            // arguments and environment hold secrets
            return "Launch[" + argv.getFirst() + " in " + directory + "]";
        }
    }

    /** Where the program's output goes. */
    sealed interface Output {

        /**
         * Each line of standard output to {@code sink} as {@code info}, of standard error as {@code warn}, read on
         * virtual threads. When the deployer exits the program loses its pipes: for build steps.
         */
        record Piped(LineSink sink) implements Output {
        }

        /**
         * Standard output and error both appended to {@code file}, which the program writes itself, so that it can
         * outlive the deployer without a broken pipe: for app instances (follow the file with
         * {@link LogFileTailer}).
         */
        record AppendedTo(Path file) implements Output {
        }
    }

    /**
     * Starts the program.
     *
     * @throws IOException when the program is not found or cannot be started; the message names the program
     */
    static ChildProcess start(Launch launch, Output output) throws IOException {
        Path directory = launch.directory().toAbsolutePath().normalize();
        List<String> command = new ArrayList<>();
        tool("setsid").ifPresent(setsid -> command.add(setsid.toString()));
        if (launch.maxOpenFiles().isPresent()) {
            long openFiles = Math.min(launch.maxOpenFiles().getAsInt(), hardOpenFilesLimit().orElse(Long.MAX_VALUE));
            tool("prlimit").ifPresent(prlimit -> command.addAll(List.of(prlimit.toString(),
                    "--nofile=" + openFiles + ":" + openFiles, "--core=0", "--")));
        }
        command.add(executable(launch.argv().getFirst(), directory, launch.environment().get("PATH")));
        command.addAll(launch.argv().subList(1, launch.argv().size()));

        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(launch.environment());
        if (output instanceof Output.AppendedTo(Path file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(file.toFile()));
        }
        Process process = builder.start();
        // known until the process is reaped; a process already reaped will never match a live one again
        Instant startInstant = process.info().startInstant().orElse(Instant.EPOCH);
        CompletableFuture<Integer> exited = process.onExit().thenApply(Process::exitValue);
        if (output instanceof Output.Piped(LineSink sink)) {
            Thread stdout = pump(process.getInputStream(), "info", sink, process.pid());
            Thread stderr = pump(process.getErrorStream(), "warn", sink, process.pid());
            exited = exited.thenApplyAsync(code -> {
                awaitOutput(List.of(stdout, stderr));
                return code;
            }, VIRTUAL_THREADS);
        }
        return new ChildProcess(process, startInstant, exited);
    }

    long pid() {
        return process.pid();
    }

    Instant startInstant() {
        return startInstant;
    }

    /** What to remember to find the process again after a deployer restart. */
    ProcessIdentity identity() {
        return new ProcessIdentity(process.pid(), startInstant);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits for the program to exit (and, when piped, for its output to be delivered).
     *
     * @return the exit code; empty when it still ran after {@code timeout}
     */
    OptionalInt waitFor(Duration timeout) throws InterruptedException {
        try {
            return OptionalInt.of(exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException stillRunning) {
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for process " + pid() + " failed", e.getCause());
        }
    }

    /** Completes with the exit code once the program has exited and its piped output was delivered. */
    CompletableFuture<Integer> onExit() {
        return exit.copy();
    }

    /**
     * SIGTERM to the program and everything it started, SIGKILL to what is left after {@code grace}: see
     * {@link ProcessTree#stop}. Idempotent.
     */
    void stop(Duration grace) {
        ProcessTree.of(process.toHandle(), startInstant).stop(grace);
    }

    private static Thread pump(InputStream stream, String level, LineSink sink, long pid) {
        return Thread.ofVirtual().name("child-process-" + pid + "-" + level).start(() -> {
            boolean[] failed = {false};
            LineSplitter lines = new LineSplitter(line -> {
                try {
                    sink.line(level, line);
                } catch (RuntimeException e) {
                    // keep reading: a program blocked on a full pipe would hang
                    if (!failed[0]) {
                        failed[0] = true;
                        LOG.log(System.Logger.Level.WARNING, "output of process " + pid + " lost: sink failed", e);
                    }
                }
            });
            byte[] buffer = new byte[8192];
            try (stream) {
                for (int read = stream.read(buffer); read >= 0; read = stream.read(buffer)) {
                    lines.accept(buffer, 0, read);
                }
            } catch (IOException closed) {
                // the pipe went away with the process
            } finally {
                lines.flush();
            }
        });
    }

    private static void awaitOutput(List<Thread> readers) {
        long deadline = System.nanoTime() + OUTPUT_DRAIN.toNanos();
        try {
            for (Thread reader : readers) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    reader.join(Duration.ofNanos(left));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Resolves the program as {@code execvp} would with the program's own {@code PATH}, not the deployer's. */
    private static String executable(String program, Path directory, String path) throws IOException {
        if (program.contains("/")) {
            Path file = directory.resolve(program).normalize();
            if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                return file.toString();
            }
            throw new IOException("'" + program + "' is not an executable file");
        }
        if (path == null) {
            throw new IOException("'" + program + "' cannot be found: the environment has no PATH");
        }
        for (String entry : path.split(":")) {
            // an empty entry would mean the working directory, which holds the repository's files: skipped
            if (!entry.isEmpty()) {
                Path file = directory.resolve(entry).resolve(program);
                if (Files.isRegularFile(file) && Files.isExecutable(file)) {
                    return file.toString();
                }
            }
        }
        throw new IOException("'" + program + "' was not found on the PATH");
    }

    /** A system tool, looked up in the usual places and on the deployer's own PATH. */
    private static Optional<Path> tool(String name) {
        String deployerPath = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.concat(Stream.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"),
                        Stream.of(deployerPath.split(":")).filter(entry -> entry.startsWith("/")))
                .map(directory -> Path.of(directory, name))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    /** The deployer's hard limit on open files: a child cannot be given more without privileges. */
    private static OptionalLong hardOpenFilesLimit() {
        try (Stream<String> limits = Files.lines(Path.of("/proc/self/limits"))) {
            return limits.filter(line -> line.startsWith("Max open files"))
                    .map(line -> line.substring("Max open files".length()).trim().split("\\s+"))
                    .filter(columns -> columns.length > 1 && columns[1].chars().allMatch(Character::isDigit))
                    .mapToLong(columns -> Long.parseLong(columns[1]))
                    .findFirst();
        } catch (IOException | RuntimeException unknown) {
            return OptionalLong.empty();
        }
    }
}
