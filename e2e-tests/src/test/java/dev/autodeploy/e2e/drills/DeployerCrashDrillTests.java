package dev.autodeploy.e2e.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kill -9} of the deployer in the middle of a build: after {@code ./autodeploy up} restarts it the deployment
 * resumes to {@code ready} (or ends in {@code error} with a reason), nothing is left running, and the build never ran
 * twice at once nor was the app started twice.
 */
@Tag("drill")
@ExtendWith(DrillSuite.class)
class DeployerCrashDrillTests {

    @Test
    void aDeploymentInterruptedByAKilledDeployerResumesOrFailsWithAReason(DrillSuite suite) throws IOException {
        Accounts.Organization organization = new Accounts(suite.api()).organization("crash");
        Path marker = Files.createTempFile("drills-crash-", ".marker");
        try (DrillProject project = DrillProject.create(suite.api(), organization, "crash", 20, 400)) {
            project.variable("DRILL_MARKER", marker.toString());
            String deployment = project.deploy("production");
            // mid-build: the build has printed some of its lines
            await("the build under way").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> DrillProject.marker(marker).stream().filter(line -> line.contains(" line ")).count() >= 3);
            long deployer = suite.pid("deployer-service");

            Processes.kill9(deployer);
            suite.up();

            assertThat(suite.pid("deployer-service")).isNotEqualTo(deployer);
            JsonNode finished = project.awaitFinished(deployment, Duration.ofMinutes(3));
            assertThat(finished.get("status").asString()).isIn("ready", "error");
            if (finished.get("status").asString().equals("error")) {
                assertThat(finished.get("statusReason").asString("")).as("the reason it failed").isNotBlank();
            }
            assertThat(project.deployments()).as("no deployment of the project left running")
                    .allSatisfy(d -> assertThat(d.get("status").asString()).isNotIn(DrillProject.RUNNING));

            List<String> runs = builds(DrillProject.marker(marker));
            System.out.printf("drill crash: deployment %s after %d build run(s), attempts %d%s%n", finished.get("status").asString(),
                    runs.size(), finished.get("attempts").asInt(), finished.get("statusReason").isNull() ? ""
                            : ", reason: " + finished.get("statusReason").asString());
            assertThat(runs).as("runs of the build, in the order they began").isNotEmpty();
            assertNeverConcurrent(DrillProject.marker(marker), runs);
            long ends = DrillProject.marker(marker).stream().filter(line -> line.endsWith(" end")).count();
            long serves = DrillProject.marker(marker).stream().filter(line -> line.endsWith(" serve")).count();
            if (finished.get("status").asString().equals("ready")) {
                assertThat(ends).as("builds that ran to their end").isEqualTo(1);
                assertThat(serves).as("starts of the app").isEqualTo(1);
                assertThat(project.storedBuildLines(deployment)).as("the completed build's lines are in the log")
                        .containsSubsequence(project.allBuildLines());
            } else {
                assertThat(serves).as("starts of the app").isLessThanOrEqualTo(1);
            }
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    /** The pids of the build's runs, in the order they began. */
    private static List<String> builds(List<String> marker) {
        LinkedHashSet<String> pids = new LinkedHashSet<>();
        marker.stream().filter(line -> line.contains(" begin ")).forEach(line -> pids.add(line.split(" ")[0]));
        return new ArrayList<>(pids);
    }

    /** Once a run has begun, no earlier run writes another line: the interrupted build was stopped first. */
    private static void assertNeverConcurrent(List<String> marker, List<String> runs) {
        for (int run = 1; run < runs.size(); run++) {
            String begun = runs.get(run) + " begin";
            int begin = marker.indexOf(marker.stream().filter(line -> line.startsWith(begun)).findFirst().orElseThrow());
            List<String> earlier = runs.subList(0, run);
            assertThat(marker.subList(begin, marker.size()))
                    .as("lines of earlier runs %s after run %s began", earlier, runs.get(run))
                    .noneMatch(line -> earlier.contains(line.split(" ")[0]));
        }
    }
}
