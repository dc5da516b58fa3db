package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.autodeploy.deployer.target.CommandLine;
import dev.autodeploy.deployer.target.local.ChildProcess.Launch;
import dev.autodeploy.deployer.target.local.ChildProcess.Output;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class ChildProcessTests {

    private static final Map<String, String> PATH_ONLY = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<ChildProcess> started = new ArrayList<>();

    record Line(String level, String text) {
    }

    @AfterEach
    void stopEverythingStarted() {
        started.forEach(process -> process.stop(Duration.ZERO));
    }

    @Test
    void theEnvironmentIsExactlyWhatWasPassedAndNothingOfTheDeployers() throws Exception {
        Map<String, String> environment = Map.of("PATH", "/usr/bin:/bin", "HOME", directory.toString(),
                "GREETING", "hello world");

        assertThat(run(List.of("env"), environment, OptionalInt.empty())).isEqualTo(0);
        assertThat(texts("info")).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "HOME=" + directory,
                "GREETING=hello world");

        lines.clear();
        assertThat(run(List.of("env"), environment, OptionalInt.of(512))).isEqualTo(0);
        assertThat(texts("info")).containsExactlyInAnyOrder("PATH=/usr/bin:/bin", "HOME=" + directory,
                "GREETING=hello world");
    }

    @Test
    void standardOutputIsInfoStandardErrorIsWarnAndAPartialLastLineIsDelivered() throws Exception {
        int exit = run(List.of("sh", "-c", "echo out; echo err >&2; echo more; printf partial"), PATH_ONLY,
                OptionalInt.empty());

        assertThat(exit).isEqualTo(0);
        assertThat(lines).containsExactlyInAnyOrder(new Line("info", "out"), new Line("warn", "err"),
                new Line("info", "more"), new Line("info", "partial"));
        assertThat(texts("info")).containsExactly("out", "more", "partial");
    }

    @Test
    void overlongOutputLinesAreCapped() throws Exception {
        run(List.of("sh", "-c", "head -c 20000 /dev/zero | tr '\\0' a; echo; echo next"), PATH_ONLY,
                OptionalInt.empty());

        assertThat(texts("info")).containsExactly("a".repeat(LineSplitter.MAX_LINE_BYTES) + LineSplitter.TRUNCATED,
                "next");
    }

    @Test
    void limitsOpenFilesAndCoreDumpsThroughPrlimit() throws Exception {
        assumeThat(Path.of("/usr/bin/prlimit")).isExecutable();

        run(List.of("sh", "-c", "ulimit -n; ulimit -c"), PATH_ONLY, OptionalInt.of(256));

        assertThat(texts("info")).containsExactly("256", "0");
    }

    @Test
    void theProgramIsLookedUpOnItsOwnPathAndRelativePathsInItsDirectory() throws Exception {
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path hello = Files.writeString(bin.resolve("hello"), "#!/bin/sh\necho \"hello from $0\"\n");
        Files.setPosixFilePermissions(hello, PosixFilePermissions.fromString("rwxr-xr-x"));

        run(List.of("hello"), Map.of("PATH", bin + ":/usr/bin:/bin"), OptionalInt.empty());
        run(List.of("./bin/hello"), PATH_ONLY, OptionalInt.empty());
        run(List.of("hello"), Map.of("PATH", "bin:/usr/bin"), OptionalInt.empty());
        assertThat(texts("info")).containsExactly("hello from " + hello, "hello from " + hello,
                "hello from " + hello);

        assertThatThrownBy(() -> start(List.of("hello"), PATH_ONLY, OptionalInt.empty()))
                .isInstanceOf(IOException.class).hasMessage("'hello' was not found on the PATH");
        assertThatThrownBy(() -> start(List.of("hello"), Map.of(), OptionalInt.empty()))
                .isInstanceOf(IOException.class).hasMessageContaining("no PATH");
        assertThatThrownBy(() -> start(List.of("./missing"), PATH_ONLY, OptionalInt.empty()))
                .isInstanceOf(IOException.class).hasMessage("'./missing' is not an executable file");
    }

    @Test
    void reportsTheExitCodeOrThatItIsStillRunning() throws Exception {
        ChildProcess failing = start(List.of("sh", "-c", "exit 3"), PATH_ONLY, OptionalInt.empty());
        assertThat(failing.waitFor(WAIT)).hasValue(3);
        assertThat(failing.onExit()).succeedsWithin(WAIT).isEqualTo(3);
        assertThat(failing.isAlive()).isFalse();

        ChildProcess sleeping = start(List.of("sleep", "30"), PATH_ONLY, OptionalInt.empty());
        assertThat(sleeping.waitFor(Duration.ofMillis(50))).isEmpty();
        assertThat(sleeping.isAlive()).isTrue();
        assertThat(sleeping.onExit()).isNotDone();
    }

    @Test
    void thePidAndStartInstantAreTheProgramsOwnThroughSetsidAndPrlimit() throws Exception {
        ChildProcess process = start(List.of("sh", "-c", "echo $$; exec sleep 30"), PATH_ONLY, OptionalInt.of(256));

        await().atMost(WAIT).until(() -> !texts("info").isEmpty());
        assertThat(texts("info")).containsExactly(Long.toString(process.pid()));
        assertThat(process.startInstant()).isEqualTo(ProcessHandle.of(process.pid()).orElseThrow().info()
                .startInstant().orElseThrow());
        assertThat(process.identity().find()).hasValueSatisfying(handle ->
                assertThat(handle.pid()).isEqualTo(process.pid()));
    }

    @Test
    void stopTerminatesTheProcessAndAllItsDescendants() throws Exception {
        ChildProcess process = start(List.of("sh", "-c", "sleep 300 & sleep 300 & wait"), PATH_ONLY,
                OptionalInt.empty());
        ProcessHandle root = ProcessHandle.of(process.pid()).orElseThrow();
        await().atMost(WAIT).until(() -> root.descendants().count() == 2);
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();

        process.stop(Duration.ofSeconds(5));

        assertThat(tree).noneMatch(ProcessTree::isRunning);
        assertThat(process.isAlive()).isFalse();
        assertThat(process.onExit()).succeedsWithin(WAIT);
    }

    @Test
    void stopKillsWhatIgnoresSigtermOnceTheGraceIsOver() throws Exception {
        ChildProcess process = start(List.of("sh", "-c", "trap '' TERM; sleep 300 & wait"), PATH_ONLY,
                OptionalInt.empty());
        ProcessHandle root = ProcessHandle.of(process.pid()).orElseThrow();
        await().atMost(WAIT).until(() -> root.descendants().count() == 1);
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();

        long before = System.nanoTime();
        process.stop(Duration.ofMillis(300));

        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
        assertThat(tree).noneMatch(ProcessTree::isRunning);
        assertThat(process.waitFor(WAIT)).hasValue(128 + 9);
    }

    @Test
    void stopAlsoFindsGrandchildrenWhoseParentHasExited() throws Exception {
        assumeThat(Path.of("/usr/bin/setsid")).isExecutable();
        ChildProcess process = start(List.of("sh", "-c", "sleep 300 >/dev/null 2>&1 & echo $!"), PATH_ONLY,
                OptionalInt.empty());
        assertThat(process.waitFor(WAIT)).hasValue(0);
        ProcessHandle orphan = ProcessHandle.of(Long.parseLong(texts("info").getFirst())).orElseThrow();
        assertThat(orphan.isAlive()).isTrue();

        process.stop(Duration.ofSeconds(5));

        assertThat(ProcessTree.isRunning(orphan)).isFalse();
    }

    @Test
    void stopIsIdempotent() throws Exception {
        ChildProcess process = start(List.of("sleep", "300"), PATH_ONLY, OptionalInt.empty());

        process.stop(Duration.ofSeconds(5));
        process.stop(Duration.ofSeconds(5));

        assertThat(process.isAlive()).isFalse();
        assertThat(process.waitFor(WAIT)).hasValue(128 + 15);
    }

    @Test
    void outputCanBeAppendedToALogFileInstead() throws Exception {
        Path log = directory.resolve("logs/app.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "before\n");

        ChildProcess process = ChildProcess.start(new Launch(List.of("sh", "-c", "echo one; echo two >&2"),
                directory, PATH_ONLY, OptionalInt.empty()), new Output.AppendedTo(log));
        started.add(process);

        assertThat(process.waitFor(WAIT)).hasValue(0);
        assertThat(log).hasContent("before\none\ntwo");
        assertThat(lines).isEmpty();
    }

    @Test
    void aLaunchOfAnInvocationAddsItsAssignmentsAndHidesItsArgumentsWhenPrinted() throws Exception {
        CommandLine.Invocation invocation = CommandLine.parse("GREETING=hi TOKEN=$SECRET env")
                .expand(Map.of("SECRET", "hunter2")).getFirst();
        Launch launch = Launch.of(invocation, directory, PATH_ONLY, OptionalInt.empty());

        assertThat(launch.environment()).containsOnly(Map.entry("PATH", "/usr/bin:/bin"),
                Map.entry("GREETING", "hi"), Map.entry("TOKEN", "hunter2"));
        assertThat(launch.toString()).doesNotContain("hunter2");
    }

    private int run(List<String> argv, Map<String, String> environment, OptionalInt maxOpenFiles) throws Exception {
        return start(argv, environment, maxOpenFiles).waitFor(WAIT).orElseThrow();
    }

    private ChildProcess start(List<String> argv, Map<String, String> environment, OptionalInt maxOpenFiles)
            throws IOException {
        ChildProcess process = ChildProcess.start(new Launch(argv, directory, environment, maxOpenFiles),
                new Output.Piped((level, text) -> lines.add(new Line(level, text))));
        started.add(process);
        return process;
    }

    private List<String> texts(String level) {
        return lines.stream().filter(line -> line.level().equals(level)).map(Line::text).toList();
    }
}
