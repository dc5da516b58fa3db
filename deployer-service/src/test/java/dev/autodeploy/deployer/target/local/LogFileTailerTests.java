package dev.autodeploy.deployer.target.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LogFileTailerTests {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path directory;

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<LogFileTailer> tailers = new ArrayList<>();

    @AfterEach
    void stopTailers() {
        tailers.forEach(LogFileTailer::stop);
    }

    @Test
    void followsTheFileLineByLineAndDeliversThePartialLastLineOnStop() throws IOException {
        Path log = Files.writeString(directory.resolve("app.log"), "one\ntwo\npart");
        LogFileTailer tailer = tailer(log, 0, 0, Clock.systemUTC());

        await().atMost(WAIT).until(() -> lines.equals(List.of("info one", "info two")));
        append(log, "ial\nthree");
        await().atMost(WAIT).until(() -> lines.size() == 3);
        assertThat(lines).containsExactly("info one", "info two", "info partial");

        tailer.stop();
        assertThat(lines).containsExactly("info one", "info two", "info partial", "info three");
        assertThat(tailer.offset()).isEqualTo(Files.size(log));
        tailer.stop();
        assertThat(lines).hasSize(4);
    }

    @Test
    void waitsForAFileThatDoesNotExistYet() throws IOException {
        Path log = directory.resolve("later.log");
        LogFileTailer tailer = tailer(log, 0, 0, Clock.systemUTC());
        assertThat(tailer.offset()).isZero();

        Files.writeString(log, "hello\n");

        await().atMost(WAIT).until(() -> lines.equals(List.of("info hello")));
        assertThat(tailer.offset()).isEqualTo(6);
    }

    @Test
    void anAdoptedInstanceIsFollowedFromTheEndOfItsFile() throws IOException {
        Path log = Files.writeString(directory.resolve("app.log"), "logged before the restart\n");
        assertThat(LogFileTailer.sizeOf(directory.resolve("missing.log"))).isZero();
        tailer(log, LogFileTailer.sizeOf(log), 0, Clock.systemUTC());

        append(log, "new\n");

        await().atMost(WAIT).until(() -> lines.equals(List.of("info new")));
    }

    @Test
    void startsOverWhenTheFileIsTruncatedOrReplaced() throws IOException {
        Path log = Files.writeString(directory.resolve("app.log"), "first line\n");
        tailer(log, 0, 0, Clock.systemUTC());
        await().atMost(WAIT).until(() -> lines.size() == 1);

        Files.writeString(log, "2\n");
        await().atMost(WAIT).until(() -> lines.size() == 2);

        Files.move(log, directory.resolve("app.log.1"));
        Files.writeString(log, "third\n");
        await().atMost(WAIT).until(() -> lines.size() == 3);

        assertThat(lines).containsExactly("info first line", "info 2", "info third");
    }

    @Test
    void overTheRateLimitLinesAreDroppedCountedAndAnnouncedWhenTheSecondIsOver() throws IOException {
        SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
        Path log = Files.writeString(directory.resolve("app.log"), numbered(100));
        LogFileTailer tailer = tailer(log, 0, 10, clock);

        await().atMost(WAIT).until(() -> tailer.offset() == Files.size(log));
        assertThat(lines).containsExactlyElementsOf(numberedLines(10));
        assertThat(tailer.droppedLines()).isEqualTo(90);

        clock.advance(Duration.ofSeconds(1));
        await().atMost(WAIT).until(() -> lines.size() == 11);
        assertThat(lines.getLast()).isEqualTo("warn [90 lines dropped]");

        append(log, "after\n");
        await().atMost(WAIT).until(() -> lines.size() == 12);
        assertThat(lines.getLast()).isEqualTo("info after");
    }

    @Test
    void stoppingAnnouncesLinesDroppedInTheLastSecond() throws IOException {
        Path log = Files.writeString(directory.resolve("app.log"), numbered(3));
        LogFileTailer tailer = tailer(log, 0, 1, new SettableClock(Instant.EPOCH));
        await().atMost(WAIT).until(() -> tailer.offset() == Files.size(log));

        tailer.stop();

        assertThat(lines).containsExactly("info line 1", "warn [2 lines dropped]");
    }

    @Test
    void aFailingSinkDoesNotStopTheTailing() throws IOException {
        Path log = Files.writeString(directory.resolve("app.log"), "boom\nfine\n");
        LogFileTailer tailer = new LogFileTailer(log, 0, (level, text) -> {
            if (text.equals("boom")) {
                throw new IllegalStateException("sink down");
            }
            lines.add(level + " " + text);
        }, 0, Clock.systemUTC());
        tailers.add(tailer);
        tailer.start();

        await().atMost(WAIT).until(() -> lines.equals(List.of("info fine")));
    }

    private LogFileTailer tailer(Path log, long offset, int maxLinesPerSecond, Clock clock) {
        LogFileTailer tailer = new LogFileTailer(log, offset, (level, text) -> lines.add(level + " " + text),
                maxLinesPerSecond, clock);
        tailers.add(tailer);
        tailer.start();
        return tailer;
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.APPEND);
    }

    private static String numbered(int count) {
        return String.join("", IntStream.rangeClosed(1, count).mapToObj(i -> "line " + i + "\n").toList());
    }

    private static List<String> numberedLines(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> "info line " + i).toList();
    }
}
