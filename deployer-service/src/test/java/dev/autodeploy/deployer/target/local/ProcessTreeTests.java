package dev.autodeploy.deployer.target.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import dev.autodeploy.deployer.target.local.ChildProcess.Launch;
import dev.autodeploy.deployer.target.local.ChildProcess.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessTreeTests {

    private static final long MIB = 1024 * 1024;

    @TempDir
    Path directory;

    @Test
    void residentBytesSumsTheProcessAndItsDescendants() throws Exception {
        // tail keeps the last 64 MB of its input in memory, then blocks writing to sleep, which never reads
        ChildProcess process = start("head -c 67108864 /dev/zero | tail -c 67108864 | sleep 300");
        try {
            ProcessTree tree = ProcessTree.of(process.identity());
            await().atMost(Duration.ofSeconds(20)).until(() -> tree.residentBytes() > 64 * MIB);

            long rootOnly = vmRssBytes(process.pid());
            assertThat(tree.members()).hasSizeGreaterThanOrEqualTo(3);
            assertThat(rootOnly).isLessThan(16 * MIB);
            assertThat(tree.residentBytes()).isBetween(64 * MIB, 512 * MIB);
        } finally {
            process.stop(Duration.ZERO);
        }
        assertThat(ProcessTree.of(process.identity()).members()).isEmpty();
        assertThat(ProcessTree.of(process.identity()).residentBytes()).isZero();
    }

    private ChildProcess start(String script) throws Exception {
        return ChildProcess.start(new Launch(List.of("sh", "-c", script), directory,
                Map.of("PATH", "/usr/bin:/bin"), OptionalInt.empty()),
                new Output.AppendedTo(directory.resolve("out.log")));
    }

    private static long vmRssBytes(long pid) throws Exception {
        return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024)
                .findFirst().orElseThrow();
    }
}
