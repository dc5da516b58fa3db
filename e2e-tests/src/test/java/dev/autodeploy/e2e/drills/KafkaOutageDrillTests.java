package dev.autodeploy.e2e.drills;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka stopped for 60 s while deployments build: once it is back, every line each build printed is in the log
 * exactly once and in order, and every status change is in each deployment's history.
 */
@Tag("drill")
@ExtendWith(DrillSuite.class)
class KafkaOutageDrillTests {

    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final List<String> ENVIRONMENTS = List.of("production", "drill-b");

    @Test
    void noLogLineOrStatusChangeIsLostWhileKafkaIsDown(DrillSuite suite) {
        Accounts.Organization organization = new Accounts(suite.api()).organization("kafka");
        // each build prints its lines over ~42 s: they end, and their deployments finish, while Kafka is down
        try (DrillProject project = DrillProject.create(suite.api(), organization, "kafka", 60, 700)) {
            project.addEnvironment("drill-b");
            Map<String, String> deployments = new java.util.LinkedHashMap<>();
            ENVIRONMENTS.forEach(environment -> deployments.put(environment, project.deploy(environment)));
            await("every build has printed lines that reached the log").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> deployments.values().stream().allMatch(id -> project.storedBuildLines(id).size() >= 3));

            long infra = suite.pid("infra");
            Processes.kill9(infra);
            int kafka = suite.port(9092);
            await("Kafka stays down for " + OUTAGE.toSeconds() + " s").during(OUTAGE).atMost(OUTAGE.plusSeconds(10))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> !Processes.listening(kafka));
            suite.up();

            for (Map.Entry<String, String> deployment : deployments.entrySet()) {
                String id = deployment.getValue();
                assertThat(project.awaitFinished(id, Duration.ofMinutes(3)).get("status").asString())
                        .as("deployment to %s", deployment.getKey()).isEqualTo("ready");
                await("every line of " + id + " stored").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> project.storedBuildLines(id).size() >= project.lines());
                assertThat(project.storedBuildLines(id)).as("build lines of %s, in sequence order", deployment.getKey())
                        .isEqualTo(project.allBuildLines());
                List<JsonNode> lines = project.logs(id);
                assertThat(lines).extracting(line -> line.get("sequence").asLong()).as("sequences").doesNotHaveDuplicates()
                        .isSorted();
                System.out.printf("drill kafka: %s got %d of %d build lines once each, in order%n", deployment.getKey(),
                        project.storedBuildLines(id).size(), project.lines());
                await("the status history of " + id).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> assertThat(transitions(project.status(id)))
                                .containsSubsequence("queued->building", "building->deploying", "deploying->ready"));
            }
        }
    }

    /** The history's status changes as {@code from->to}. */
    private static List<String> transitions(JsonNode status) {
        assertThat(status.get("status").asString()).isEqualTo("ready");
        List<String> changes = new java.util.ArrayList<>();
        status.get("history").forEach(change -> {
            if (change.path("step").isNull() || change.path("step").isMissingNode()) {
                changes.add(change.path("from").asString("") + "->" + change.path("to").asString(""));
            }
        });
        return changes;
    }
}
