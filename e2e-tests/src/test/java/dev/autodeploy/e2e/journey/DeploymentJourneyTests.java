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
import java.util.Set;
import java.util.UUID;

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
 * A user's whole journey through the gateway only: register, organization, a local Git repository analyzed, a
 * project with a secret variable, a deployment on the local target whose build log arrives live over the WebSocket,
 * its health check green, a broken commit rolled back automatically, an explicit rollback, a retry and a cancel.
 * The steps run in order and share the user, project and deployments.
 */
@Tag("journey")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeploymentJourneyTests {

    private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);
    private static final Set<String> FINAL = Set.of("ready", "error", "cancelled");
    private static final String SECRET = "s3cr3t-" + UUID.randomUUID();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private Suite suite;
    private Api api;
    private Accounts.Organization org;
    private GitRepository repository;
    private String repositoryId;
    private String projectId;
    private String v1Commit;
    private String v1Deployment;
    private String v1Url;
    private String v2Deployment;

    @BeforeAll
    void start(Suite suite) {
        this.suite = suite;
        this.repository = GitRepository.create("journey");
        this.v1Commit = repository.commit("v1", release("v1", 3, ""));
    }

    @AfterAll
    void cleanUp() {
        if (repository != null) {
            repository.close();
        }
    }

    @Test
    @Order(1)
    void registersAndCreatesAnOrganization() {
        Accounts accounts = new Accounts(suite.api());
        org = accounts.organization("journey");
        api = suite.api().as(org.owner());
        JsonNode me = api.get("/api/v1/auth/me").expect(200);
        assertThat(me.get("email").asString()).isEqualTo(org.owner().email());
        JsonNode organization = api.get("/api/v1/organizations/" + org.id()).expect(200);
        assertThat(organization.get("role").asString()).isEqualTo("owner");
    }

    @Test
    @Order(2)
    void analyzesALocalRepository() {
        JsonNode registered = api.post("/api/v1/repositories", Map.of("organizationId", org.id(), "url", repository.url()))
                .expect(201);
        repositoryId = registered.get("id").asString();
        Api.Response analyze = api.post("/api/v1/repositories/" + repositoryId + "/analyze", Map.of());
        assertThat(analyze.status()).isIn(200, 202);
        JsonNode analysis = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .until(() -> api.get("/api/v1/repositories/" + repositoryId + "/analysis"),
                        r -> r.status() == 200 && Set.of("completed", "failed").contains(r.json().get("status").asString()))
                .json();
        assertThat(analysis.get("status").asString()).isEqualTo("completed");
        assertThat(analysis.get("commit").asString()).isEqualTo(v1Commit);
        assertThat(analysis.get("language").asString()).containsIgnoringCase("javascript");
        assertThat(analysis.toString()).contains("npm run build").contains("npm run start");
    }

    @Test
    @Order(3)
    void createsAProjectWithASecretVariable() {
        JsonNode project = api.post("/api/v1/projects", Map.of("organizationId", org.id(), "repositoryId", repositoryId))
                .expect(201);
        projectId = project.get("id").asString();
        Api.Response created = api.put("/api/v1/projects/" + projectId + "/env/API_KEY", Map.of("value", SECRET, "secret", true));
        assertThat(created.status()).isIn(200, 201);
        assertThat(created.text()).doesNotContain(SECRET);
        Api.Response listed = api.get("/api/v1/projects/" + projectId + "/env");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.text()).contains("API_KEY").doesNotContain(SECRET);
    }

    @Test
    @Order(4)
    void deploysWithTheLocalTargetWhileTheLogArrivesLive() throws Exception {
        JsonNode deployment = api.post("/api/v1/projects/" + projectId + "/deployments", Map.of("commitSha", v1Commit)).expect(201);
        v1Deployment = deployment.get("id").asString();
        try (Stream logs = Stream.open(suite.gateway(), "/api/v1/deployments/" + v1Deployment + "/logs/stream", org.owner().accessToken());
                Stream status = Stream.open(suite.gateway(), "/api/v1/deployments/" + v1Deployment + "/status/stream", org.owner().accessToken())) {
            // A build line on the socket while the deployment is not yet ready: the log is live, not replayed at the end.
            await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> logs.messages().stream().anyMatch(m -> text(m).contains("building step 1 of 3")));
            assertThat(deploymentOf(v1Deployment).get("status").asString()).isNotEqualTo("ready");

            JsonNode ready = awaitFinal(v1Deployment);
            assertThat(ready.get("status").asString()).as(ready.toString()).isEqualTo("ready");
            await().atMost(Duration.ofSeconds(20)).until(() -> status.messages().stream()
                    .anyMatch(m -> "deployment.status".equals(type(m)) && "ready".equals(m.path("status").asString())));
            List<String> statuses = status.messages().stream().filter(m -> "deployment.status".equals(type(m)))
                    .map(m -> m.path("status").asString()).distinct().toList();
            assertThat(statuses).last().isEqualTo("ready");

            await().atMost(Duration.ofSeconds(20)).until(() -> logs.messages().stream()
                    .anyMatch(m -> text(m).contains("building step 3 of 3")));
            List<Long> sequences = new ArrayList<>();
            logs.messages().stream().filter(m -> "deployment.log".equals(type(m)))
                    .forEach(m -> sequences.add(m.path("sequence").asLong()));
            assertThat(sequences).isNotEmpty().isSorted().doesNotHaveDuplicates();
            assertThat(logs.messages().toString()).doesNotContain(SECRET);

            v1Url = ready.get("url").asString();
            assertThat(body(v1Url)).isEqualTo("v1: key has " + SECRET.length() + " chars");
        }
        Api.Response stored = api.get("/api/v1/deployments/" + v1Deployment + "/logs?limit=1000");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.text()).contains("building step 2 of 3").doesNotContain(SECRET);
    }

    @Test
    @Order(5)
    void theHealthCheckTurnsGreen() {
        JsonNode check = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> healthCheckOf(v1Deployment), c -> c != null && "healthy".equalsIgnoreCase(c.path("state").asString()));
        assertThat(check.path("active").asBoolean()).isTrue();
        assertThat(check.path("url").asString()).isEqualTo(v1Url);
        JsonNode detail = api.get("/api/v1/health-checks/" + v1Deployment).expect(200);
        JsonNode probes = detail.path("results").path("content");
        assertThat(probes.size()).isPositive();
        assertThat(probes.valueStream().anyMatch(p -> p.path("healthy").asBoolean() && p.path("statusCode").asInt() == 200))
                .as(probes.toString()).isTrue();
    }

    @Test
    @Order(6)
    void aBrokenCommitIsRolledBackAutomatically() throws Exception {
        String broken = repository.commit("broken start", Map.of("server.js", "console.error('boom: cannot start'); process.exit(1);\n"));
        JsonNode deployment = api.post("/api/v1/projects/" + projectId + "/deployments", Map.of("commitSha", broken)).expect(201);
        JsonNode failed = awaitFinal(deployment.get("id").asString());
        assertThat(failed.get("status").asString()).as(failed.toString()).isEqualTo("error");
        assertThat(failed.get("statusReason").asString()).contains("rolled back automatically").contains(v1Deployment);
        assertThat(failed.path("metadata").path("autoRollback").path("rolledBackTo").asString()).isEqualTo(v1Deployment);
        assertThat(body(v1Url)).startsWith("v1:");
    }

    @Test
    @Order(7)
    void anExplicitRollbackServesTheEarlierReleaseAgain() throws Exception {
        String v2Commit = repository.commit("v2", release("v2", 1, ""));
        JsonNode v2 = api.post("/api/v1/projects/" + projectId + "/deployments", Map.of("commitSha", v2Commit)).expect(201);
        v2Deployment = v2.get("id").asString();
        assertThat(awaitFinal(v2Deployment).get("status").asString()).isEqualTo("ready");
        assertThat(body(v1Url)).startsWith("v2:");

        JsonNode rollback = api.post("/api/v1/deployments/" + v1Deployment + "/rollback", Map.of()).expect(201);
        assertThat(rollback.get("action").asString()).isEqualTo("rollback");
        assertThat(rollback.get("parentId").asString()).isEqualTo(v1Deployment);
        assertThat(rollback.get("commitSha").asString()).isEqualTo(v1Commit);
        assertThat(awaitFinal(rollback.get("id").asString()).get("status").asString()).isEqualTo("ready");
        assertThat(body(v1Url)).startsWith("v1:");
        assertThat(deploymentOf(v1Deployment).path("children").toString()).contains(rollback.get("id").asString());
    }

    @Test
    @Order(8)
    void aRetryRedeploysTheSameCommitAsANewRecord() throws Exception {
        JsonNode retry = api.post("/api/v1/deployments/" + v2Deployment + "/retry", Map.of()).expect(201);
        assertThat(retry.get("id").asString()).isNotEqualTo(v2Deployment);
        assertThat(retry.get("action").asString()).isEqualTo("retry");
        assertThat(retry.get("parentId").asString()).isEqualTo(v2Deployment);
        assertThat(retry.get("commitSha").asString()).isEqualTo(deploymentOf(v2Deployment).get("commitSha").asString());
        assertThat(awaitFinal(retry.get("id").asString()).get("status").asString()).isEqualTo("ready");
        assertThat(body(v1Url)).startsWith("v2:");
        assertThat(deploymentOf(v2Deployment).get("status").asString()).isEqualTo("ready");
    }

    @Test
    @Order(9)
    void aCancelledBuildStopsAndTheServedReleaseStays() throws Exception {
        String slow = repository.commit("slow build", release("v3", 120, ""));
        JsonNode deployment = api.post("/api/v1/projects/" + projectId + "/deployments", Map.of("commitSha", slow)).expect(201);
        String id = deployment.get("id").asString();
        await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(200)).until(() -> {
            Api.Response logs = api.get("/api/v1/deployments/" + id + "/logs?q=building%20step%202");
            return logs.status() == 200 && logs.text().contains("building step 2 of 120");
        });
        long asked = System.nanoTime();
        Api.Response cancel = api.post("/api/v1/deployments/" + id + "/cancel", Map.of());
        assertThat(cancel.status()).isIn(200, 202);
        JsonNode cancelled = awaitFinal(id);
        Duration took = Duration.ofNanos(System.nanoTime() - asked);
        assertThat(cancelled.get("status").asString()).isEqualTo("cancelled");
        assertThat(took).isLessThan(Duration.ofSeconds(15));
        // The build's process is gone: no further build line is written after the cancel settled.
        long lines = countLines(id);
        await().pollDelay(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> true);
        assertThat(countLines(id)).isEqualTo(lines);
        assertThat(body(v1Url)).startsWith("v2:");
    }

    // ------------------------------------------------------------------------------------------------ helpers ---

    /** A dependency-free Node.js app: the build prints one line every 400 ms, the server names its version. */
    private static Map<String, String> release(String version, int buildSteps, String extra) {
        return Map.of(
                "package.json", """
                        {"name": "e2e-journey", "private": true, "scripts": {"build": "node build.js", "start": "node server.js"}}
                        """,
                "build.js", """
                        let step = 0;
                        const timer = setInterval(() => {
                          step += 1;
                          console.log('building step ' + step + ' of %d');
                          if (step === %d) { clearInterval(timer); require('fs').writeFileSync('version.txt', '%s'); }
                        }, 400);
                        """.formatted(buildSteps, buildSteps, version),
                "server.js", """
                        const version = require('fs').readFileSync(__dirname + '/version.txt', 'utf8');
                        require('http').createServer((req, res) => res.end(version + ': key has ' + (process.env.API_KEY || '').length + ' chars'))
                          .listen(process.env.PORT);
                        %s""".formatted(extra));
    }

    private JsonNode deploymentOf(String id) {
        return api.get("/api/v1/deployments/" + id).expect(200);
    }

    private JsonNode awaitFinal(String id) {
        return await().atMost(DEPLOY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> deploymentOf(id), d -> FINAL.contains(d.get("status").asString()));
    }

    private JsonNode healthCheckOf(String deploymentId) {
        Api.Response response = api.get("/api/v1/health-checks?projectId=" + projectId);
        if (response.status() != 200) {
            return null;
        }
        for (JsonNode check : response.json().path("checks")) {
            if (deploymentId.equals(check.path("deploymentId").asString())) {
                return check;
            }
        }
        return null;
    }

    private long countLines(String id) {
        return api.get("/api/v1/deployments/" + id + "/logs?limit=1000").json().path("items").size();
    }

    private String body(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static String type(JsonNode message) {
        return message.path("type").asString();
    }

    private static String text(JsonNode message) {
        return message.path("message").asString();
    }
}
