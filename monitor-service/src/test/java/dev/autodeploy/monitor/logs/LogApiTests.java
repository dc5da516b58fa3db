package dev.autodeploy.monitor.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.autodeploy.monitor.MonitorTest;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/v1/deployments/{id}/logs}, its download and {@code /status}, over real Kafka and Postgres. */
class LogApiTests extends MonitorTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

    private Member member;
    private Deployment deployment;

    @BeforeEach
    void aDeploymentWithLines() {
        member = member(Role.VIEWER);
        deployment = deployment(member);
        deployment.status("queued", T0).status("building", T0.plusSeconds(1))
                .step("analyze_repository", "pending", "running", T0.plusSeconds(1));
        deployment.log("info", "analyze_repository", "Detected next.js 15", T0.plusSeconds(2));
        deployment.step("analyze_repository", "running", "completed", T0.plusSeconds(3))
                .step("build_application", "pending", "running", T0.plusSeconds(4));
        deployment.log("info", "build_application", "> npm ci", T0.plusSeconds(5));
        deployment.log("warn", "build_application", "npm WARN deprecated 100%_sure@1.0", T0.plusSeconds(6));
        deployment.log("error", "build_application", "Error: Cannot find module 'left-pad'", T0.plusSeconds(7));
        deployment.log("info", "build_application", "multi\nline", T0.plusSeconds(8));
        awaitKnown(deployment.id, "building");
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.sql(
                "SELECT count(*) FROM deployment_logs WHERE deployment_id = ?").param(deployment.id)
                .query(Long.class).single() == 5);
    }

    @Test
    void pagesFollowTheCursorToTheEnd() {
        Map<String, Object> first = logs("limit=2");
        assertThat(messages(first)).containsExactly("Detected next.js 15", "> npm ci");
        assertThat(first).containsEntry("nextCursor", 2).containsEntry("hasMore", true);
        assertThat(list(first.get("items")).getFirst()).containsEntry("sequence", 1)
                .containsEntry("timestamp", "2026-11-30T10:00:02Z").containsEntry("level", "info")
                .containsEntry("source", "build").containsEntry("step", "analyze_repository");

        Map<String, Object> second = logs("limit=2&cursor=2");
        assertThat(messages(second)).hasSize(2);
        Map<String, Object> last = logs("limit=2&cursor=4");
        assertThat(messages(last)).containsExactly("multi\nline");
        assertThat(last).containsEntry("nextCursor", 5).containsEntry("hasMore", false);
        // polling past the end: nothing new, the cursor stays
        assertThat(logs("cursor=5")).containsEntry("nextCursor", 5).containsEntry("hasMore", false);
    }

    @Test
    void filtersByLevelStepTextAndTime() {
        assertThat(messages(logs("level=warn,error"))).containsExactly("npm WARN deprecated 100%_sure@1.0",
                "Error: Cannot find module 'left-pad'");
        assertThat(messages(logs("step=analyze_repository"))).containsExactly("Detected next.js 15");
        assertThat(messages(logs("q=CANNOT find"))).containsExactly("Error: Cannot find module 'left-pad'");
        // % and _ are matched as themselves
        assertThat(messages(logs("q=100%_"))).containsExactly("npm WARN deprecated 100%_sure@1.0");
        assertThat(messages(logs("q=0%"))).containsExactly("npm WARN deprecated 100%_sure@1.0");
        assertThat(messages(logs("since=2026-11-30T10:00:07Z"))).containsExactly(
                "Error: Cannot find module 'left-pad'", "multi\nline");
        assertThat(messages(logs("tail=2"))).containsExactly("Error: Cannot find module 'left-pad'", "multi\nline");
        assertThat(messages(logs("tail=1&level=info"))).containsExactly("multi\nline");
    }

    @Test
    void badParametersAreProblemsAndStrangersSeeNothing() {
        for (String query : List.of("limit=0", "limit=100000", "level=loud", "cursor=-1", "since=yesterday",
                "tail=0", "q=" + "x".repeat(201))) {
            ResponseEntity<Map<String, Object>> response = call(HttpMethod.GET,
                    "/api/v1/deployments/" + deployment.id + "/logs?" + query, null, member).toEntity(JSON);
            assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(response.getHeaders().getContentType()).as(query).hasToString("application/problem+json");
        }
        for (String path : List.of("/logs", "/logs/download", "/status")) {
            ResponseEntity<Map<String, Object>> response = get("/api/v1/deployments/" + deployment.id + path,
                    stranger());
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/deployment-not-found");
        }
        assertThat(get("/api/v1/deployments/" + java.util.UUID.randomUUID() + "/logs", member).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("/api/v1/deployments/" + deployment.id + "/logs", null).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void theDownloadIsPlainTextOfEveryMatchingLine() {
        ResponseEntity<String> response = call(HttpMethod.GET, "/api/v1/deployments/" + deployment.id
                + "/logs/download", null, member).toEntity(String.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getContentType()).hasToString("text/plain;charset=UTF-8");
        assertThat(response.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("deployment-" + deployment.id + ".log");
        assertThat(response.getBody()).isEqualTo("""
                2026-11-30T10:00:02Z INFO  [analyze_repository] Detected next.js 15
                2026-11-30T10:00:05Z INFO  [build_application] > npm ci
                2026-11-30T10:00:06Z WARN  [build_application] npm WARN deprecated 100%_sure@1.0
                2026-11-30T10:00:07Z ERROR [build_application] Error: Cannot find module 'left-pad'
                2026-11-30T10:00:08Z INFO  [build_application] multi
                    line
                """);
        String errors = call(HttpMethod.GET, "/api/v1/deployments/" + deployment.id + "/logs/download?level=error",
                null, member).body(String.class);
        assertThat(errors).isEqualTo(
                "2026-11-30T10:00:07Z ERROR [build_application] Error: Cannot find module 'left-pad'\n");
    }

    @Test
    void theStatusShowsStepsAndProgress() {
        Map<String, Object> status = get("/api/v1/deployments/" + deployment.id + "/status", member).getBody();
        assertThat(status).containsEntry("deploymentId", deployment.id.toString())
                .containsEntry("status", "building").containsEntry("environment", "production")
                .containsEntry("action", "deploy").containsEntry("commitSha", deployment.commitSha)
                .containsEntry("progress", 25).containsEntry("startedAt", "2026-11-30T10:00:01Z");
        assertThat(list(status.get("steps"))).extracting(step -> step.get("name"), step -> step.get("status"),
                step -> step.get("durationMs")).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("analyze_repository", "completed", 2000),
                        org.assertj.core.groups.Tuple.tuple("build_application", "running", null));

        assertThat(list(status.get("history"))).extracting(entry -> entry.get("step"), entry -> entry.get("to"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(null, "queued"),
                        org.assertj.core.groups.Tuple.tuple(null, "building"),
                        org.assertj.core.groups.Tuple.tuple("analyze_repository", "running"),
                        org.assertj.core.groups.Tuple.tuple("analyze_repository", "completed"),
                        org.assertj.core.groups.Tuple.tuple("build_application", "running"));
        assertThat(list(status.get("history")).get(3)).containsEntry("at", "2026-11-30T10:00:03Z")
                .containsEntry("from", "running");

        deployment.step("build_application", "running", "failed", T0.plusSeconds(9))
                .status("error", "build failed", T0.plusSeconds(9));
        awaitKnown(deployment.id, "error");
        Map<String, Object> finished = get("/api/v1/deployments/" + deployment.id + "/status", member).getBody();
        assertThat(finished).containsEntry("status", "error").containsEntry("reason", "build failed")
                .containsEntry("progress", 100).containsEntry("durationMs", 8000);
    }

    private Map<String, Object> logs(String query) {
        ResponseEntity<Map<String, Object>> response = get("/api/v1/deployments/" + deployment.id + "/logs?" + query,
                member);
        assertThat(response.getStatusCode()).as(query).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    private static List<Object> messages(Map<String, Object> page) {
        return list(page.get("items")).stream().map(item -> item.get("message")).toList();
    }
}
