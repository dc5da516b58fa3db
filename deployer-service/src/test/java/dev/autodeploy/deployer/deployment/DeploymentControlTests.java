package dev.autodeploy.deployer.deployment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.autodeploy.deployer.CallbackTestTarget;
import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentQueued;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Cancelling, superseding, serializing and callbacks, on real infrastructure with real processes: a cancel
 * kills the running build's processes; deployments to one environment never overlap and the newest queued one
 * wins; a job delivered twice runs once; CI callbacks are authenticated and move only targets that report by
 * callback; listings filter and page.
 */
class DeploymentControlTests extends DeployerTest {

    @Autowired
    private CallbackTestTarget ci;

    @Test
    void cancellingASlowBuildStopsItsProcessesAndEndsItCancelled() throws Exception {
        Member admin = member(Role.ADMIN);
        Path markers = Files.createTempDirectory("markers-");
        Map<String, Object> project = slowProject(admin, markers);

        Map<String, Object> queued = deploy(admin, project.get("id"), Map.of());
        Path slowBuild = markers.resolve("slow-build");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(slowBuild));
        long pid = Long.parseLong(Files.readString(slowBuild).strip());
        assertThat(ProcessHandle.of(pid)).isPresent();
        assertThat(get("/api/v1/deployments/" + queued.get("id"), admin).getBody()).containsEntry("status", "building");

        ResponseEntity<Map<String, Object>> cancel = post("/api/v1/deployments/" + queued.get("id") + "/cancel", null,
                admin);
        assertThat(cancel.getStatusCode().value()).isIn(200, 202);
        assertThat(cancel.getBody()).containsEntry("cancelRequested", true);

        Map<String, Object> cancelled = awaitStatus(admin, queued.get("id"), "cancelled");
        assertThat((String) cancelled.get("statusReason")).isEqualTo("Cancelled by user " + admin.userId() + ".");
        assertThat(step(cancelled, "build_application")).containsEntry("status", "cancelled");
        assertThat(step(cancelled, "deploy_to_provider")).containsEntry("status", "cancelled");
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));

        ResponseEntity<Map<String, Object>> again = post("/api/v1/deployments/" + queued.get("id") + "/cancel", null,
                admin);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(post("/api/v1/deployments/" + queued.get("id") + "/retry", null, member(Role.VIEWER))
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void deploymentsToOneEnvironmentNeverOverlapAndTheNewestQueuedOneSupersedesOlderOnes() throws Exception {
        Member admin = member(Role.ADMIN);
        Path markers = Files.createTempDirectory("markers-");
        Map<String, Object> project = slowProject(admin, markers);
        Object projectId = project.get("id");
        UUID environmentId = UUID.fromString((String) list(project.get("environments")).getFirst().get("id"));
        AtomicInteger mostAtOnce = new AtomicInteger();
        AtomicBoolean watching = new AtomicBoolean(true);
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (watching.get()) {
                long running = count("SELECT count(*) FROM deployments WHERE environment_id = ?"
                        + " AND status IN ('building', 'deploying')", environmentId);
                mostAtOnce.accumulateAndGet((int) running, Math::max);
            }
        });

        Map<String, Object> slow = deploy(admin, projectId, Map.of());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(markers.resolve("slow-build")));
        Map<String, Object> older = deploy(admin, projectId, Map.of());
        Map<String, Object> newer = deploy(admin, projectId, Map.of());
        assertThat(get("/api/v1/deployments/" + older.get("id"), admin).getBody()).containsEntry("status", "queued");

        post("/api/v1/deployments/" + slow.get("id") + "/cancel", null, admin);
        awaitStatus(admin, slow.get("id"), "cancelled");
        // the marker is the first build's: the newer deployment's build writes it again once it hangs
        Files.deleteIfExists(markers.resolve("slow-build"));
        Map<String, Object> superseded = awaitStatus(admin, older.get("id"), "cancelled");
        assertThat(superseded).containsEntry("statusReason", "Superseded by deployment " + newer.get("id") + ".");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(markers.resolve("slow-build"))
                && count("SELECT count(*) FROM deployments WHERE id = ? AND status = 'building'",
                        UUID.fromString((String) newer.get("id"))) == 1);
        post("/api/v1/deployments/" + newer.get("id") + "/cancel", null, admin);
        awaitStatus(admin, newer.get("id"), "cancelled");
        watching.set(false);
        watcher.join();

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(step(superseded, "analyze_repository")).containsEntry("status", "cancelled")
                .containsEntry("attempts", 0);
    }

    @Test
    void aJobDeliveredTwiceRunsTheDeploymentOnce() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Once"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));
        Map<String, Object> queued = deploy(developer, project.get("id"), Map.of());
        UUID id = UUID.fromString((String) queued.get("id"));
        DeploymentQueued duplicate = new DeploymentQueued(UUID.randomUUID(), Instant.now(), id,
                UUID.fromString((String) project.get("id")), UUID.fromString((String) queued.get("environmentId")),
                developer.organizationId(), "created");
        for (int i = 0; i < 3; i++) {
            kafka.send(Topics.DEPLOYMENT_JOBS, duplicate.aggregateId(), CloudEvent.of("deployer-service", duplicate))
                    .join();
        }

        Map<String, Object> ready = awaitStatus(developer, id, "ready");
        kafka.send(Topics.DEPLOYMENT_JOBS, duplicate.aggregateId(), CloudEvent.of("deployer-service", duplicate)).join();
        await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);

        Map<String, Object> after = get("/api/v1/deployments/" + id, developer).getBody();
        assertThat(after).containsEntry("status", "ready").containsEntry("attempts", 1)
                .containsEntry("finishedAt", ready.get("finishedAt"));
        assertThat(list(after.get("steps"))).allSatisfy(step -> assertThat(step.get("attempts")).isIn(0, 1));
    }

    @Test
    void ciCallbacksAreAuthenticatedAndMoveTheDeploymentAlong() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", TestApps.staticSite("CI"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        Object projectId = project.get("id");
        assertThat(post("/api/v1/projects/" + projectId + "/environments", Map.of("name", "ci", "target",
                CallbackTestTarget.ID), admin).getStatusCode().value()).isEqualTo(201);

        Map<String, Object> queued = deploy(admin, projectId, Map.of("environment", "ci", "branch", "main"));
        UUID id = UUID.fromString((String) queued.get("id"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ci.started(id).isPresent());
        String token = ci.started(id).map(DeploymentContext::callbackToken).orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM deployments WHERE id = ? AND awaiting_callback", id) == 1);
        assertThat(get("/api/v1/deployments/" + id, admin).getBody()).containsEntry("status", "deploying");
        assertThat(get("/api/v1/deployments/" + id, admin).getBody().toString()).doesNotContain(token);
        String path = "/api/v1/deployments/" + id + "/status";

        assertThat(report(path, "{\"status\":\"success\"}", null, null).getStatusCode().value()).isEqualTo(401);
        assertThat(report(path, "{\"status\":\"success\"}", "wrong-token", null).getStatusCode().value())
                .isEqualTo(401);
        String body = "{\"status\":\"running\",\"metadata\":{\"runId\":42,\"stage\":\"build\"}}";
        assertThat(report(path, body, null, "sha256=" + DeploymentRequests.hmac("not-it", body)).getStatusCode()
                .value()).isEqualTo(401);
        ResponseEntity<Map<String, Object>> running = report(path, body, null,
                "sha256=" + DeploymentRequests.hmac(token, body));
        assertThat(running.getStatusCode().value()).isEqualTo(200);
        assertThat(map(running.getBody().get("metadata"))).containsEntry("runId", 42).containsEntry("stage", "build");

        ResponseEntity<Map<String, Object>> unknown = report(path, "{\"status\":\"done\"}", token, null);
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(report(path, "{not json", token, null).getStatusCode().value()).isEqualTo(400);
        assertThat(report(path, "{\"status\":\"queued\"}", token, null).getStatusCode().value()).isEqualTo(409);

        ResponseEntity<Map<String, Object>> success = report(path,
                "{\"status\":\"success\",\"url\":\"https://shop.example.test\",\"metadata\":{\"stage\":\"deploy\"}}",
                token, null);
        assertThat(success.getStatusCode().value()).isEqualTo(200);
        assertThat(success.getBody()).containsEntry("status", "ready").containsEntry("url",
                "https://shop.example.test");
        assertThat(map(success.getBody().get("metadata"))).containsEntry("runId", 42).containsEntry("stage", "deploy");
        assertThat(step(success.getBody(), "deploy_to_provider")).containsEntry("status", "completed");
        ResponseEntity<Map<String, Object>> late = report(path, "{\"status\":\"failed\"}", token, null);
        assertThat(late.getStatusCode().value()).isEqualTo(409);
        assertThat(late.getBody()).containsEntry("type", "https://autodeploy.dev/problems/deployment-finished");

        Map<String, Object> second = deploy(admin, projectId, Map.of("environment", "ci", "branch", "main"));
        UUID secondId = UUID.fromString((String) second.get("id"));
        await().atMost(Duration.ofSeconds(30)).until(() -> ci.started(secondId).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM deployments WHERE id = ? AND awaiting_callback", secondId) == 1);
        ResponseEntity<Map<String, Object>> byUser = call(HttpMethod.PATCH, "/api/v1/deployments/" + secondId
                + "/status", Map.of("status", "canceled", "reason", "stopped in the CI"), admin).toEntity(JSON);
        assertThat(byUser.getStatusCode().value()).isEqualTo(200);
        assertThat(byUser.getBody()).containsEntry("status", "cancelled").containsEntry("statusReason",
                "stopped in the CI");
        assertThat(call(HttpMethod.PATCH, "/api/v1/deployments/" + secondId + "/status", Map.of("status", "ready"),
                member(Role.OWNER)).toEntity(JSON).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aTargetThatRunsDeploymentsItselfOwnsTheirStatusButCallbacksMayAddMetadata() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Mine"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));
        Object id = deployed(developer, project.get("id")).get("id");
        String path = "/api/v1/deployments/" + id + "/status";

        ResponseEntity<Map<String, Object>> status = call(HttpMethod.PATCH, path, Map.of("status", "failed"),
                developer).toEntity(JSON);
        assertThat(status.getStatusCode().value()).isEqualTo(409);
        ResponseEntity<Map<String, Object>> metadata = call(HttpMethod.PATCH, path,
                Map.of("metadata", Map.of("ticket", "OPS-12")), developer).toEntity(JSON);
        assertThat(metadata.getStatusCode().value()).isEqualTo(200);
        assertThat(map(metadata.getBody().get("metadata"))).containsEntry("ticket", "OPS-12");
        ResponseEntity<Map<String, Object>> large = call(HttpMethod.PATCH, path,
                Map.of("metadata", Map.of("blob", "x".repeat(20_000))), developer).toEntity(JSON);
        assertThat(large.getStatusCode().value()).isEqualTo(422);
    }

    @Test
    void listingsFilterByRepositoryEnvironmentAndStatusAndPage() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("List"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));
        Object projectId = project.get("id");
        Object first = deployed(developer, projectId).get("id");
        Object second = deployed(developer, projectId).get("id");
        Map<String, Object> mine = get("/api/v1/deployments?size=1", developer).getBody();
        assertThat(list(mine.get("content"))).extracting(d -> d.get("id")).containsExactly(second);
        assertThat(map(mine.get("page"))).containsEntry("totalElements", 2).containsEntry("totalPages", 2);
        assertThat(list(get("/api/v1/deployments?size=1&page=1", developer).getBody().get("content")))
                .extracting(d -> d.get("id")).containsExactly(first);

        String repoName = repository.fileUrl().replaceAll(".*/([^/]+/remote\\.git)$", "$1");
        assertThat(list(get("/api/v1/deployments?repo=" + repoName, developer).getBody().get("content"))).hasSize(2);
        assertThat(list(get("/api/v1/deployments?repo=nobody/nothing", developer)
                .getBody().get("content"))).isEmpty();
        String repositoryId = (String) map(project.get("repository")).get("id");
        assertThat(list(get("/api/v1/deployments?repo=" + repositoryId + "&environment=production&status=success",
                developer).getBody().get("content"))).hasSize(2);
        assertThat(list(get("/api/v1/deployments?status=failed,canceled", developer).getBody().get("content")))
                .isEmpty();
        assertThat(list(get("/api/v1/projects/" + projectId + "/deployments?environment=staging", developer)
                .getBody().get("content"))).isEmpty();
        ResponseEntity<Map<String, Object>> badStatus = get("/api/v1/deployments?status=exploded", developer);
        assertThat(badStatus.getStatusCode().value()).isEqualTo(400);
        assertThat(list(get("/api/v1/deployments", member(Role.OWNER)).getBody().get("content"))).isEmpty();

        Map<String, Object> view = get("/api/v1/deployments/" + second, developer).getBody();
        assertThat(map(view.get("project"))).containsEntry("id", projectId);
        assertThat(view.get("estimatedDuration")).isInstanceOf(Integer.class);
        assertThat(step(view, "build_application").get("estimatedDuration")).isInstanceOf(Integer.class);
    }

    private Map<String, Object> slowProject(Member admin, Path markers) {
        TestGitRemote repository = repository();
        Map<String, String> files = new HashMap<>(TestApps.nodeServer("v1"));
        files.putAll(TestApps.buildHanging());
        String commit = repository.commit("slow build", files);
        Map<String, Object> project = project(admin, repository, commit, TestApps.NODE_BUILD);
        assertThat(post("/api/v1/projects/" + project.get("id") + "/env", Map.of("key", "MARKERS", "value",
                markers.toString()), admin).getStatusCode().value()).isEqualTo(201);
        return project;
    }

    private ResponseEntity<Map<String, Object>> report(String path, String body, String token, String signature) {
        // bytes, so that the body signed is the body sent (a String would be written as a JSON string)
        var request = http().patch().uri(path).contentType(MediaType.APPLICATION_JSON)
                .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-AutoDeploy-Token", token);
        }
        if (signature != null) {
            request.header("X-AutoDeploy-Signature", signature);
        }
        return request.retrieve().toEntity(JSON);
    }
}
