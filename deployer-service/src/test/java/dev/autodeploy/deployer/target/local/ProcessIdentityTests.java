package dev.autodeploy.deployer.target.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import dev.autodeploy.deployer.target.local.ChildProcess.Launch;
import dev.autodeploy.deployer.target.local.ChildProcess.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessIdentityTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path directory;

    @Test
    void findsTheProcessOnlyWhileItRunsAndOnlyWhenItsStartMatches() throws Exception {
        ChildProcess process = start("exec sleep 300");
        try {
            ProcessIdentity identity = process.identity();

            assertThat(identity.find()).hasValueSatisfying(handle ->
                    assertThat(handle.pid()).isEqualTo(identity.pid()));
            assertThat(new ProcessIdentity(identity.pid(), identity.startedAt().plusMillis(1500)).isAlive()).isTrue();
            assertThat(new ProcessIdentity(identity.pid(), identity.startedAt().minusSeconds(60)).find()).isEmpty();
            assertThat(ProcessIdentity.of(identity.find().orElseThrow())).contains(identity);
        } finally {
            process.stop(Duration.ZERO);
        }
        assertThat(process.identity().find()).isEmpty();
        assertThat(process.identity().isAlive()).isFalse();
    }

    @Test
    void stopTreeStopsAnAdoptedProcessAndItsDescendantsWithoutItsProcessObject() throws Exception {
        ChildProcess process = start("sleep 300 & sleep 300 & wait");
        ProcessIdentity adopted = new ProcessIdentity(process.pid(), process.startInstant());
        ProcessHandle root = adopted.find().orElseThrow();
        await().atMost(WAIT).until(() -> root.descendants().count() == 2);
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();

        adopted.stopTree(Duration.ofSeconds(5));

        assertThat(tree).noneMatch(ProcessTree::isRunning);
        assertThat(adopted.isAlive()).isFalse();
        adopted.stopTree(Duration.ofSeconds(5));
    }

    @Test
    void stopTreeOfAnExitedLeaderStillStopsWhatIsLeftOfItsSession() throws Exception {
        ChildProcess process = start("sleep 300 & exit 0");
        assertThat(process.waitFor(WAIT)).hasValue(0);
        ProcessIdentity gone = process.identity();
        assertThat(gone.find()).isEmpty();
        List<ProcessHandle> leftovers = ProcessTree.of(gone).members();
        assertThat(leftovers).singleElement().satisfies(handle -> assertThat(handle.info().command())
                .hasValueSatisfying(command -> assertThat(command).endsWith("sleep")));

        gone.stopTree(Duration.ofSeconds(5));

        assertThat(leftovers).noneMatch(ProcessTree::isRunning);
    }

    private ChildProcess start(String script) throws Exception {
        return ChildProcess.start(new Launch(List.of("sh", "-c", script), directory,
                Map.of("PATH", "/usr/bin:/bin"), OptionalInt.empty()),
                new Output.AppendedTo(directory.resolve("out.log")));
    }
}
