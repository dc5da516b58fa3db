package dev.autodeploy.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.GitRepository;
import dev.autodeploy.e2e.support.Stream;
import dev.autodeploy.e2e.support.Suite;
import tools.jackson.databind.JsonNode;

/**
 * The API journey of a new user, through the gateway only: register and organization → a local Git repository
 * analyzed → project with a secret variable → deploy with the local target, its log and status seen live → health
 * check green → a crashing release rolled back automatically → explicit rollback → retry → cancel mid-build → the
 * project deleted, its apps stopped. The steps share one instance and run in order; each run makes its own user,
 * organization, repository and project, and leaves no app running.
 */
@Tag("journey")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentJourneyTests {

    private static final String ENVIRONMENT = "production";
    private static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);

    private final String secret = "sk-e2e-" + UUID.randomUUID();
    private final String marker = "e2e-build-" + UUID.randomUUID();
    /** Every response body and stream message read, checked for the secret at the end. */
    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Suite suite;
    private Api api;
    private Accounts.User owner;
    private GitRepository repository;
    private String organizationId;
    private String repositoryId;
    private String projectId;
    private String firstDeployment;
    private String firstCommit;
    private String secondDeployment;
    private String secondCommit;
    private boolean projectDeleted;

    @BeforeAll
    void start(Suite suite) {
        this.suite = suite;
        this.repository = GitRepository.create("journey");
    }

    @AfterAll
    void cleanUp() {
        // when a step failed before the last one, the project (and the apps it runs) is still there
        if (projectId != null && !projectDeleted) {
            api.delete("/api/v1/projects/" + projectId);
        }
        if (repository != null) {
            repository.close();
        }
    }

    @Test
    @Order(1)
    void registersAndCreatesAnOrganization() {
        Accounts.Organization organization = new Accounts(suite.api()).organization("journey");
        owner = organization.owner();
        api = suite.api().as(owner);
        organizationId = organization.id();
        JsonNode org = read(api.get("/api/v1/organizations/" + organizationId), 200);
        assertThat(org.get("slug").asString()).isEqualTo(organization.slug());
    }

    @Test
    @Order(2)
    void analyzesALocalRepository() {
        firstCommit = repository.commit("v1", NodeRelease.good("v1", marker).files());
        JsonNode registered = read(api.post("/api/v1/repositories", Map.of("organizationId", organizationId,
                "url", repository.url())), 201);
        repositoryId = registered.get("id").asString();
        assertThat(registered.get("url").asString()).isEqualTo(repository.url());

        Api.Response started = api.post("/api/v1/repositories/" + repositoryId + "/analyze", Map.of());
        assertThat(started.status()).as(started.toString()).isIn(200, 202);
        String analysisId = started.json().get("id").asString();
        JsonNode analysis = await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(
                () -> read(api.get("/api/v1/repositories/" + repositoryId + "/analyses/" + analysisId), 200),
                a -> !List.of("queued", "running").contains(a.get("status").asString()));
        assertThat(analysis.get("status").asString()).as(analysis.toString()).isEqualTo("completed");
        assertThat(analysis.get("commit").asString()).isEqualTo(firstCommit);
        assertThat(analysis.get("framework").get("name").asString() + " " + analysis.get("language").asString())
                .containsIgnoringCase("node");
        JsonNode build = analysis.get("buildConfiguration");
        assertThat(build.get("buildCommand").asString()).isEqualTo("npm run build");
        assertThat(build.get("startCommand").asString()).isEqualTo("npm run start");
    }

    @Test
    @Order(3)
    void createsAProjectWithASecretVariable() {
        Map<String, String> request = Map.of("organizationId", organizationId, "repositoryId", repositoryId,
                "name", "journey-" + UUID.randomUUID().toString().substring(0, 8));
        // the deployer learns of the analysis from the analyzer's Kafka event, a moment after the analyzer says so
        Api.Response creation = await().atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(() -> api.post("/api/v1/projects", request), response -> response.status() != 422
                        || !response.text().contains("repository-not-analyzed"));
        JsonNode project = read(creation, 201);
        projectId = project.get("id").asString();
        assertThat(project.get("repository").get("id").asString()).isEqualTo(repositoryId);
        assertThat(project.get("buildConfiguration").get("buildCommand").asString()).isEqualTo("npm run build");
        assertThat(names(project.get("environments"))).contains(ENVIRONMENT);

        JsonNode variable = read(api.post("/api/v1/projects/" + projectId + "/env?environment=" + ENVIRONMENT,
                Map.of("key", "API_KEY", "value", secret, "secret", true)), 201);
        assertThat(variable.get("key").asString()).isEqualTo("API_KEY");
        assertThat(variable.get("secret").asBoolean()).isTrue();
        read(api.get("/api/v1/projects/" + projectId + "/env?environment=" + ENVIRONMENT), 200);
        assertThat(seen).noneMatch(text -> text.contains(secret));
    }

    @Test
    @Order(4)
    void deploysWithTheLogAndStatusSeenLive() {
        JsonNode deployment = deploy();
        firstDeployment = deployment.get("id").asString();
        assertThat(deployment.get("action").asString()).isEqualTo("deploy");
        assertThat(deployment.get("target").asString()).isEqualTo("local");
        try (Stream logs = open(firstDeployment, "logs");
                Stream status = open(firstDeployment, "status")) {
            await().atMost(DEPLOY_TIMEOUT).pollInterval(POLL).until(() -> messages(logs, "deployment.log").stream()
                    .anyMatch(line -> line.get("message").asString().contains("building step 1 of 3")));
            assertThat(deploymentStatus(firstDeployment)).as("a build line arrives before the deployment is ready")
                    .isIn("queued", "building", "deploying");
            JsonNode ready = awaitFinished(firstDeployment);
            assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
            // the monitor follows the deployer through Kafka: on a loaded machine its stream trails the deployer's record
            await().atMost(Duration.ofSeconds(30)).pollInterval(POLL).untilAsserted(() -> assertThat(
                    messages(status, "deployment.status")).as("status stream (closed: %s) got %s",
                            status.closed().getNow(null), status.messages())
                    .anyMatch(m -> m.get("status").asString().equals("ready")));

            List<JsonNode> lines = messages(logs, "deployment.log");
            List<Long> sequences = lines.stream().map(line -> line.get("sequence").asLong()).toList();
            assertThat(sequences).as("strictly increasing, no duplicates").isSorted().doesNotHaveDuplicates();
            assertThat(lines).extracting(line -> line.get("message").asString())
                    .anyMatch(m -> m.contains("building step 3 of 3"));
            List<String> transitions = messages(status, "deployment.status").stream()
                    .map(m -> m.get("status").asString()).distinct().toList();
            assertThat(transitions).contains("building").last().isEqualTo("ready");
            assertThat(serves(ready)).isEqualTo("v1: key has " + secret.length() + " chars");
        }
    }

    @Test
    @Order(5)
    void healthCheckTurnsGreen() {
        JsonNode check = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> liveCheck(), c -> c != null && c.get("state").asString().equals("healthy"));
        assertThat(check.get("deploymentId").asString()).isEqualTo(firstDeployment);
        assertThat(check.get("active").asBoolean()).isTrue();
        JsonNode detail = read(api.get("/api/v1/health-checks/" + firstDeployment), 200);
        assertThat(detail.get("results").get("content")).anyMatch(result -> result.get("healthy").asBoolean());
    }

    @Test
    @Order(6)
    void aCrashingReleaseIsRolledBackAutomatically() {
        repository.commit("broken", NodeRelease.crashing("broken", marker).files());
        String broken = deploy().get("id").asString();
        JsonNode failed = awaitFinished(broken);
        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("error");
        assertThat(failed.get("statusReason").asString()).contains("rolled back automatically").contains(firstDeployment);
        JsonNode autoRollback = failed.get("metadata").get("autoRollback");
        assertThat(autoRollback.get("rolledBackTo").asString()).isEqualTo(firstDeployment);
        assertThat(autoRollback.get("automatic").asBoolean()).isTrue();
        assertThat(serves(deployment(firstDeployment))).startsWith("v1: ");
    }

    @Test
    @Order(7)
    void rollsBackExplicitlyToTheFirstRelease() {
        secondCommit = repository.commit("v2", NodeRelease.good("v2", marker).files());
        secondDeployment = deploy().get("id").asString();
        JsonNode second = awaitFinished(secondDeployment);
        assertThat(second.get("status").asString()).as(second.toString()).isEqualTo("ready");
        assertThat(serves(second)).startsWith("v2: ");

        JsonNode rollback = created(api.post("/api/v1/deployments/" + firstDeployment + "/rollback", null));
        assertThat(rollback.get("action").asString()).isEqualTo("rollback");
        assertThat(rollback.get("parentId").asString()).isEqualTo(firstDeployment);
        assertThat(rollback.get("commitSha").asString()).isEqualTo(firstCommit);
        JsonNode done = awaitFinished(rollback.get("id").asString());
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(serves(done)).startsWith("v1: ");
        assertThat(deployment(firstDeployment).get("children")).extracting(JsonNode::asString)
                .contains(rollback.get("id").asString());
    }

    @Test
    @Order(8)
    void retriesADeploymentWithTheSameCommit() {
        JsonNode retry = created(api.post("/api/v1/deployments/" + secondDeployment + "/retry", null));
        assertThat(retry.get("action").asString()).isEqualTo("retry");
        assertThat(retry.get("parentId").asString()).isEqualTo(secondDeployment);
        assertThat(retry.get("commitSha").asString()).isEqualTo(secondCommit);
        JsonNode done = awaitFinished(retry.get("id").asString());
        assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("ready");
        assertThat(serves(done)).startsWith("v2: ");
    }

    @Test
    @Order(9)
    void cancelsASlowBuild() {
        String serving = serves(deployment(secondDeployment));
        String slowMarker = marker + "-slow";
        repository.commit("slow", NodeRelease.slowBuild("slow", slowMarker).files());
        String slow = deploy().get("id").asString();
        try (Stream logs = open(slow, "logs")) {
            await().atMost(DEPLOY_TIMEOUT).pollInterval(POLL).until(() -> messages(logs, "deployment.log").stream()
                    .anyMatch(line -> line.get("message").asString().contains("building step 2 of 120")));
        }
        if (suiteIsLocal()) {
            assertThat(buildProcesses(slowMarker)).as("the build runs on this machine").isNotEmpty();
        }
        Api.Response cancel = api.post("/api/v1/deployments/" + slow + "/cancel", null);
        assertThat(cancel.status()).as(cancel.toString()).isIn(200, 202);
        seen.add(cancel.text());
        JsonNode cancelled = await().atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(() -> deployment(slow), d -> !List.of("queued", "building", "deploying").contains(d.get("status").asString()));
        assertThat(cancelled.get("status").asString()).as(cancelled.toString()).isEqualTo("cancelled");
        if (suiteIsLocal()) {
            await().atMost(Duration.ofSeconds(5)).pollInterval(POLL).until(() -> buildProcesses(slowMarker).isEmpty());
        }
        assertThat(serves(deployment(secondDeployment))).isEqualTo(serving);
        assertThat(seen).as("the secret's value is never in a response or log line").noneMatch(text -> text.contains(secret));
    }

    @Test
    @Order(10)
    void deletingTheProjectStopsItsApps() {
        String url = deployment(secondDeployment).get("url").asString();
        Api.Response deleted = api.delete("/api/v1/projects/" + projectId);
        assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);
        projectDeleted = true;
        assertThat(api.get("/api/v1/projects/" + projectId).status()).isEqualTo(404);
        await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> !answers(url));
    }

    private JsonNode deploy() {
        return created(api.post("/api/v1/projects/" + projectId + "/deployments", Map.of("environment", ENVIRONMENT)));
    }

    private JsonNode created(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isIn(201, 202);
        seen.add(response.text());
        return response.json();
    }

    private JsonNode read(Api.Response response, int status) {
        seen.add(response.text());
        return response.expect(status);
    }

    private JsonNode deployment(String id) {
        return read(api.get("/api/v1/deployments/" + id), 200);
    }

    private String deploymentStatus(String id) {
        return deployment(id).get("status").asString();
    }

    private JsonNode awaitFinished(String id) {
        return await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(500)).until(() -> deployment(id),
                d -> !List.of("queued", "building", "deploying").contains(d.get("status").asString()));
    }

    private JsonNode liveCheck() {
        JsonNode list = read(api.get("/api/v1/health-checks?projectId=" + projectId + "&environment=" + ENVIRONMENT), 200);
        for (JsonNode check : list.get("checks")) {
            if (check.get("deploymentId").asString().equals(firstDeployment)) {
                return check;
            }
        }
        return null;
    }

    /**
     * Opens a deployment's {@code logs} or {@code status} stream as soon as the monitor knows the deployment: it learns
     * of it from the deployer's events a moment after the trigger, and refuses a stream of one it has not heard of
     * (the gateway has upgraded by then, so the socket just closes).
     */
    private Stream open(String deploymentId, String kind) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/api/v1/deployments/" + deploymentId + "/status").status() == 200);
        return Stream.open(suite.gateway(), "/api/v1/deployments/" + deploymentId + "/" + kind + "/stream",
                owner.accessToken());
    }

    private List<JsonNode> messages(Stream stream, String type) {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode message : stream.messages()) {
            seen.add(message.toString());
            if (type.equals(message.path("type").asString(""))) {
                found.add(message);
            }
        }
        return found;
    }

    /** What the deployment's app URL answers. */
    private String serves(JsonNode deployment) {
        String url = deployment.get("url").asString();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError(url + " does not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean answers(String url) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private boolean suiteIsLocal() {
        String host = suite.gateway().getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host);
    }

    /** The processes on this machine whose command line carries the build's marker. */
    private static List<ProcessHandle> buildProcesses(String marker) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().orElse("").contains(marker)).toList();
    }

    private static List<String> names(JsonNode environments) {
        List<String> names = new ArrayList<>();
        environments.forEach(environment -> names.add(environment.get("name").asString()));
        return names;
    }
}
