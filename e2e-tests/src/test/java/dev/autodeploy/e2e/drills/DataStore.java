package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * One of the drill suite's data stores (Postgres or Redis) as a process of its own, so a drill can stop and start it
 * without touching Kafka (which {@code ./autodeploy}'s {@code infra} process holds): local-infra's jar with only
 * that store's options. Postgres keeps its data directory, so a restart finds the data as it was.
 */
final class DataStore {

    private final String name;
    private final int port;
    private final List<String> options;
    private final Path root;
    private final Path state;

    private DataStore(String name, int port, List<String> options, Path root, Path state) {
        this.name = name;
        this.port = port;
        this.options = options;
        this.root = root;
        this.state = state;
    }

    static DataStore postgres(int port, Path root, Path state) {
        return new DataStore("drill-postgres", port, List.of("--postgres-port", Integer.toString(port),
                "--postgres-dir", state.resolve("postgres").toString()), root, state);
    }

    static DataStore redis(int port, Path root, Path state) {
        return new DataStore("drill-redis", port, List.of("--redis-port", Integer.toString(port)), root, state);
    }

    int port() {
        return port;
    }

    /** Whether something answers on the store's port. */
    boolean answers() {
        return Processes.listening(port);
    }

    /** Starts the store unless it answers already; waits for local-infra's ready file. */
    void start() {
        if (answers()) {
            return;
        }
        Path run = state.resolve("run");
        Path ready = run.resolve(name + ".ready");
        try {
            Files.createDirectories(run);
            Files.createDirectories(state.resolve("logs"));
            Files.deleteIfExists(ready);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    // marks the process as the suite's: ./autodeploy down stops it with the rest
                    "-Dautodeploy.suite=" + state, "-Xmx128m", "-XX:+UseSerialGC",
                    "-jar", root.resolve("local-infra/target/local-infra-0.1.0-SNAPSHOT.jar").toString()));
            command.addAll(options);
            command.addAll(List.of("--ready-file", ready.toString()));
            Process process = new ProcessBuilder(command).directory(root.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve("logs").resolve(name + ".log").toFile()))
                    .start();
            Files.writeString(run.resolve(name + ".pid"), Long.toString(process.pid()));
            await(name + " ready").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException(name + " exited; see " + state.resolve("logs").resolve(name + ".log"));
                        }
                        return Files.exists(ready) && answers();
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the store the way an operator would (SIGTERM: Postgres shuts down cleanly) and waits until it is gone. */
    void stop() {
        Processes.pidFile(state.resolve("run").resolve(name + ".pid")).filter(Processes::alive).ifPresent(pid -> {
            Processes.signal(pid, "TERM");
            Processes.awaitGone(pid, Duration.ofSeconds(60));
        });
        await(name + " port closed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> !answers());
    }
}
