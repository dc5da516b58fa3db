package dev.autodeploy.deployer.deployment;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.DeploymentStatusChanged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The local target end to end: real repositories checked out, real Node.js apps and a static site built and run
 * as processes, health-checked, served on the environment's stable port; a broken release never taking over; an
 * explicit rollback served within three seconds; events and log lines on Kafka.
 */
class LocalDeploymentFlowTests extends DeployerTest {

    @Test
    void staticSiteIsServedOnTheEnvironmentsStableUrl() {
        Member developer = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Welcome"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));

        Map<String, Object> queued = deploy(developer, project.get("id"), Map.of());
        Map<String, Object> ready = awaitStatus(developer, queued.get("id"), "ready");

        String url = (String) ready.get("url");
        assertThat(url).startsWith("http://localhost:");
        assertThat(app(url + "/").body()).contains("<h1>Welcome</h1>");
        assertThat(app(url + "/about/").body()).contains("about");
        assertThat(ready.get("commitSha")).isEqualTo(commit);
        assertThat(ready.get("commitMessage")).isEqualTo("site");
        assertThat(list(ready.get("steps"))).extracting(step -> step.get("status"))
                .containsExactly("completed", "skipped", "completed", "completed");
        assertThat(url(developer, project.get("id"))).isEqualTo(url);
    }

    @Test
    void nodeAppGetsItsVariablesAtDeployTimeAndSecretsAreMaskedInItsLogs() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("v1", TestApps.nodeServer("v1"));
        Map<String, Object> project = project(admin, repository, commit, TestApps.NODE_BUILD);
        Object projectId = project.get("id");
        String secret = "sk-live-" + UUID.randomUUID();
        ResponseEntity<Map<String, Object>> secretSet = post("/api/v1/projects/" + projectId + "/env",
                Map.of("key", "API_KEY", "value", secret, "secret", true), admin);
        assertThat(secretSet.getStatusCode().value()).as("%s", secretSet.getBody()).isEqualTo(201);
        assertThat(post("/api/v1/projects/" + projectId + "/env", Map.of("key", "GREETING", "value", "hello"), admin)
                .getStatusCode().value()).isEqualTo(201);
        assertThat(put("/api/v1/projects/" + projectId + "/environments/production",
                Map.of("settings", Map.of("healthCheckPath", "/health")), admin).getStatusCode().value())
                .isEqualTo(200);

        Map<String, Object> ready = deployed(admin, projectId);

        assertThat(app((String) ready.get("url")).body()).isEqualTo("v1 hello key-length=" + secret.length() + " db=no");
        UUID id = UUID.fromString((String) ready.get("id"));
        List<CloudEvent<?>> lines = awaitLogs(id, line -> line.message().startsWith("listening on"));
        assertThat(lines).extracting(event -> ((DeploymentLogged) event.data()).message())
                .anyMatch(message -> message.endsWith("with key " + DeploymentLog.MASK))
                .noneMatch(message -> message.contains(secret))
                .anyMatch(message -> message.equals("building v1"));
        List<Long> sequences = lines.stream().map(event -> ((DeploymentLogged) event.data()).sequence()).toList();
        assertThat(sequences).doesNotHaveDuplicates().isSorted();
        assertThat(lines).extracting(event -> ((DeploymentLogged) event.data()).step())
                .contains("analyze_repository", "build_application", "deploy_to_provider");
        assertThat(ready.toString()).doesNotContain(secret);
    }

    @Test
    void everyTransitionIsPublishedInOrder() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Events"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));
        Object id = deployed(developer, project.get("id"))
                .get("id");

        List<DeploymentStatusChanged> changes = awaitEvents(UUID.fromString((String) id), 12);
        assertThat(changes.stream().filter(change -> change.step() == null).map(DeploymentStatusChanged::status))
                .containsExactly("queued", "building", "deploying", "ready");
        assertThat(changes.stream().filter(change -> change.step() != null)
                .map(change -> change.step() + ":" + change.status())).containsExactly(
                        "analyze_repository:running", "analyze_repository:completed",
                        "provision_database:running", "provision_database:skipped",
                        "build_application:running", "build_application:completed",
                        "deploy_to_provider:running", "deploy_to_provider:completed");
        DeploymentStatusChanged last = changes.getLast();
        assertThat(last.commitSha()).isEqualTo(commit);
        assertThat(last.commitTime()).isNotNull();
        assertThat(last.url()).startsWith("http://localhost:");
        assertThat(last.action()).isEqualTo("deploy");
        assertThat(last.target()).isEqualTo("local");
    }

    @Test
    void brokenReleaseNeverTakesOverAndTheEnvironmentKeepsServingThePreviousOne() {
        Member developer = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String good = repository.commit("v1", TestApps.nodeServer("v1"));
        Map<String, Object> project = project(developer, repository, good, TestApps.NODE_BUILD);
        Object projectId = project.get("id");
        Map<String, Object> first = deployed(developer, projectId);
        String url = (String) first.get("url");

        repository.commit("crash at start", TestApps.crashingServer());
        Map<String, Object> crashed = awaitStatus(developer, deploy(developer, projectId, Map.of()).get("id"), "error");

        assertThat((String) crashed.get("statusReason")).contains("exited before it answered its health check")
                .contains("rolled back automatically").contains((String) first.get("id"));
        assertThat(map(crashed.get("metadata")).get("autoRollback"))
                .isEqualTo(Map.of("rolledBackTo", first.get("id"), "automatic", true));
        assertThat(step(crashed, "deploy_to_provider")).containsEntry("status", "failed");
        assertThat(app(url).body()).startsWith("v1 ");

        repository.commit("unhealthy", TestApps.unhealthyServer());
        put("/api/v1/projects/" + projectId + "/environments/production",
                Map.of("settings", Map.of("startTimeoutSeconds", "2")), developer);
        Map<String, Object> unhealthy = deploy(developer, projectId, Map.of());
        Map<String, Object> failed = awaitStatus(developer, unhealthy.get("id"), "error");
        assertThat((String) failed.get("statusReason")).contains("did not pass its health check")
                .contains("HTTP 500");
        assertThat(app(url).body()).startsWith("v1 ");
        assertThat(list(get("/api/v1/projects/" + projectId, developer).getBody().get("environments")).getFirst())
                .containsEntry("currentDeploymentId", first.get("id"));
    }

    @Test
    void explicitRollbackIsServedWithinThreeSecondsAndLinkedToWhatItRollsBackTo() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String v1 = repository.commit("v1", TestApps.nodeServer("v1"));
        Map<String, Object> project = project(developer, repository, v1, TestApps.NODE_BUILD);
        Object projectId = project.get("id");
        Map<String, Object> first = deployed(developer, projectId);
        repository.commit("v2", TestApps.nodeServer("v2"));
        Map<String, Object> second = deployed(developer, projectId);
        String url = (String) second.get("url");
        assertThat(app(url).body()).startsWith("v2 ");

        long started = System.nanoTime();
        ResponseEntity<Map<String, Object>> rollback = post("/api/v1/deployments/" + first.get("id") + "/rollback",
                null, developer);
        assertThat(rollback.getStatusCode().value()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(20))
                .until(() -> app(url).body().startsWith("v1 "));
        long servedAfter = Duration.ofNanos(System.nanoTime() - started).toMillis();

        Map<String, Object> rolledBack = awaitStatus(developer, rollback.getBody().get("id"), "ready");
        assertThat(rolledBack).containsEntry("action", "rollback").containsEntry("parentId", first.get("id"))
                .containsEntry("commitSha", v1);
        assertThat(map(step(rolledBack, "build_application"))).containsEntry("status", "completed");
        assertThat(list(get("/api/v1/deployments/" + first.get("id"), developer).getBody().get("children")))
                .asList().contains(rolledBack.get("id"));
        assertThat(servedAfter).as("rollback served after %d ms", servedAfter).isLessThan(3000);
    }

    @Test
    void rollbackByCommitAndToTheLastSuccess() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String v1 = repository.commit("v1", TestApps.nodeServer("v1"));
        Map<String, Object> project = project(developer, repository, v1, TestApps.NODE_BUILD);
        Object projectId = project.get("id");
        Object first = deployed(developer, projectId).get("id");
        repository.commit("v2", TestApps.nodeServer("v2"));
        Map<String, Object> second = deployed(developer, projectId);
        String url = (String) second.get("url");

        Map<String, Object> toLast = post("/api/v1/projects/" + projectId + "/deployments/rollback/last-success",
                Map.of("environment", "production"), developer).getBody();
        assertThat(toLast).containsEntry("parentId", first).containsEntry("commitSha", v1);
        awaitStatus(developer, toLast.get("id"), "ready");
        assertThat(app(url).body()).startsWith("v1 ");

        ResponseEntity<Map<String, Object>> byCommit = post("/api/v1/projects/" + projectId + "/deployments/rollback",
                Map.of("commitSha", ((String) second.get("commitSha")).substring(0, 10), "environment", "production"),
                developer);
        assertThat(byCommit.getStatusCode().value()).isEqualTo(201);
        assertThat(byCommit.getBody()).containsEntry("parentId", second.get("id"));
        awaitStatus(developer, byCommit.getBody().get("id"), "ready");
        assertThat(app(url).body()).startsWith("v2 ");

        ResponseEntity<Map<String, Object>> unknown = post("/api/v1/projects/" + projectId + "/deployments/rollback",
                Map.of("commitSha", "0123456789abc"), developer);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).containsEntry("type", "https://autodeploy.dev/problems/no-ready-deployment");
    }

    @Test
    void failedBuildEndsInErrorWithItsReasonAndRetryMakesANewLinkedRecord() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        Map<String, String> files = new HashMap<>(TestApps.nodeServer("v1"));
        files.putAll(TestApps.buildFailing());
        String commit = repository.commit("broken build", files);
        Map<String, Object> project = project(developer, repository, commit, TestApps.NODE_BUILD);

        Map<String, Object> failed = awaitStatus(developer, deploy(developer, project.get("id"), Map.of()).get("id"),
                "error");
        assertThat((String) failed.get("statusReason")).contains("`node build.js` exited with code 2");
        assertThat(step(failed, "build_application")).containsEntry("status", "failed");
        assertThat(step(failed, "deploy_to_provider")).containsEntry("status", "skipped");

        ResponseEntity<Map<String, Object>> retry = post("/api/v1/deployments/" + failed.get("id") + "/retry", null,
                developer);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody()).containsEntry("action", "retry").containsEntry("parentId", failed.get("id"))
                .containsEntry("commitSha", commit).isNotEqualTo(failed.get("id"));
        awaitStatus(developer, retry.getBody().get("id"), "error");
        assertThat(get("/api/v1/deployments/" + failed.get("id"), developer).getBody())
                .containsEntry("status", "error");

        ResponseEntity<Map<String, Object>> rollbackToFailure = post("/api/v1/deployments/" + failed.get("id")
                + "/rollback", null, developer);
        assertThat(rollbackToFailure.getStatusCode().value()).isEqualTo(409);
        assertThat(rollbackToFailure.getBody())
                .containsEntry("type", "https://autodeploy.dev/problems/deployment-never-ready");
    }

    private List<CloudEvent<?>> awaitLogs(UUID deploymentId, java.util.function.Predicate<DeploymentLogged> last) {
        List<CloudEvent<?>>[] found = new List[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found[0] = events(Topics.DEPLOYMENT_LOGS, event -> event.data() instanceof DeploymentLogged line
                    && line.deploymentId().equals(deploymentId));
            return found[0].stream().anyMatch(event -> last.test((DeploymentLogged) event.data()));
        });
        found[0].sort(java.util.Comparator.comparingLong(event -> ((DeploymentLogged) event.data()).sequence()));
        return found[0];
    }

    private List<DeploymentStatusChanged> awaitEvents(UUID deploymentId, int atLeast) {
        List<DeploymentStatusChanged>[] found = new List[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found[0] = events(Topics.DEPLOYMENT_EVENTS, event -> event.data() instanceof DeploymentStatusChanged change
                    && change.deploymentId().equals(deploymentId)).stream()
                    .map(event -> (DeploymentStatusChanged) event.data()).toList();
            return found[0].size() >= atLeast && "ready".equals(found[0].getLast().status());
        });
        return found[0];
    }
}
