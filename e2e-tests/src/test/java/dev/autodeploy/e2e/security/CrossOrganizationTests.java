package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import tools.jackson.databind.JsonNode;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.GitRepository;
import dev.autodeploy.e2e.support.Suite;

/**
 * A user of another organization gets 404 — not 403, which would confirm the thing exists — for every read and
 * write of organization A's resources of every type, and nothing of A's changes.
 */
@Tag("security")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossOrganizationTests {

    private Suite suite;
    private Api gateway;
    private Accounts.Organization a;
    private Accounts.User intruder;
    private GitRepository repository;
    private final Map<String, String> ids = new LinkedHashMap<>();
    private Map<String, String> before;

    @BeforeAll
    void organizationAWithOneOfEverything(Suite suite) {
        this.suite = suite;
        gateway = suite.api();
        Accounts accounts = new Accounts(new SecurityTarget(suite).direct("auth-service"));
        a = accounts.organization("cross-a");
        intruder = accounts.organization("cross-b").owner();
        Api owner = gateway.as(a.owner());
        ids.put("org", a.id());
        ids.put("owner", a.owner().id());

        repository = GitRepository.create("security-cross-org");
        repository.commit("a static site", Map.of("index.html", "<h1>organization A</h1>\n"));
        JsonNode repo = owner.post("/api/v1/repositories", Map.of("organizationId", a.id(), "url", repository.url())).expect(201);
        ids.put("repository", repo.get("id").asString());
        JsonNode queued = owner.post("/api/v1/repositories/" + ids.get("repository") + "/analyze", Map.of()).json();
        String analysisPath = "/api/v1/repositories/" + ids.get("repository") + "/analyses/" + queued.get("id").asString();
        JsonNode analysis = Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> owner.get(analysisPath).expect(200), r -> List.of("completed", "failed").contains(r.path("status").asString()));
        ids.put("analysis", analysis.get("id").asString());
        JsonNode project = owner.post("/api/v1/projects", Map.of("organizationId", a.id(), "repositoryId", ids.get("repository"),
                "name", "cross-org-" + UUID.randomUUID().toString().substring(0, 8))).expect(201);
        ids.put("project", project.get("id").asString());
        owner.post("/api/v1/projects/" + ids.get("project") + "/environments", Map.of("name", "staging", "target", "local")).expect(201);
        owner.post("/api/v1/projects/" + ids.get("project") + "/env", Map.of("key", "CROSS_ORG", "value", "only-for-a", "secret", true)).expect(201);
        JsonNode deployment = owner.post("/api/v1/projects/" + ids.get("project") + "/deployments", Map.of("environment", "production")).expect(201);
        ids.put("deployment", deployment.get("id").asString());
        // Settled before the snapshot, so that its own progress is not taken for a change.
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> owner.get("/api/v1/deployments/" + ids.get("deployment")).expect(200).path("status").asString(),
                        status -> List.of("ready", "error", "cancelled").contains(status));
        JsonNode provider = owner.post("/api/v1/cicd-providers", Map.of("organizationId", a.id(), "type", "jenkins",
                "name", "a-jenkins", "baseUrl", "https://jenkins.example.test", "username", "a", "secret", "a-jenkins-token")).expect(201);
        ids.put("cicd", provider.get("id").asString());
        JsonNode rule = owner.post("/api/v1/alert-rules", Map.of("organizationId", a.id(), "projectId", ids.get("project"),
                "type", "deployment-failed", "webhook", Map.of("url", "https://hooks.example.test/a"))).expect(201);
        ids.put("rule", rule.get("id").asString());
        owner.post("/api/v1/organizations/" + a.id() + "/invitations", Map.of("email", "invitee-" + UUID.randomUUID() + "@example.test",
                "role", "developer")).expect(201);
        before = snapshot();
    }

    @AfterAll
    void removeRepository() {
        if (repository != null) {
            repository.close();
        }
    }

    /** What B tries on A's resources: every operation of every resource type, with well-formed bodies. */
    private List<Call> calls() {
        String org = "{org}", p = "/api/v1/projects/{project}", d = "/api/v1/deployments/{deployment}";
        String repo = "/api/v1/repositories/{repository}";
        return List.of(
                new Call("GET", "/api/v1/organizations/" + org, null),
                new Call("PUT", "/api/v1/organizations/" + org, Map.of("name", "taken over")),
                new Call("DELETE", "/api/v1/organizations/" + org, null),
                new Call("GET", "/api/v1/organizations/" + org + "/members", null),
                new Call("POST", "/api/v1/organizations/" + org + "/members", Map.of("email", "x@example.test", "role", "owner")),
                new Call("PUT", "/api/v1/organizations/" + org + "/members/{owner}", Map.of("role", "viewer")),
                new Call("DELETE", "/api/v1/organizations/" + org + "/members/{owner}", null),
                new Call("GET", "/api/v1/organizations/" + org + "/invitations", null),
                new Call("POST", "/api/v1/organizations/" + org + "/invitations", Map.of("email", "x@example.test", "role", "owner")),
                new Call("GET", "/api/v1/users/{owner}", null),
                new Call("PUT", "/api/v1/users/{owner}", Map.of("name", "taken over")),
                new Call("DELETE", "/api/v1/users/{owner}", null),
                new Call("GET", "/api/v1/users/{owner}/connections", null),
                new Call("DELETE", "/api/v1/users/{owner}/connections/github", null),
                new Call("GET", "/api/v1/repositories?organizationId={org}", null),
                new Call("POST", "/api/v1/repositories", Map.of("organizationId", "{org}", "url", "https://github.com/octocat/Hello-World")),
                new Call("GET", repo, null),
                new Call("DELETE", repo, null),
                new Call("POST", repo + "/analyze", Map.of()),
                new Call("GET", repo + "/analysis", null),
                new Call("GET", repo + "/analyses", null),
                new Call("GET", repo + "/analyses/{analysis}", null),
                new Call("GET", "/api/v1/projects?organizationId={org}", null),
                new Call("POST", "/api/v1/projects", Map.of("organizationId", "{org}", "repositoryId", "{repository}", "name", "stolen")),
                new Call("GET", p, null),
                new Call("PUT", p, Map.of("name", "taken over")),
                new Call("DELETE", p, null),
                new Call("GET", p + "/environments", null),
                new Call("POST", p + "/environments", Map.of("name", "intruder", "target", "local")),
                new Call("GET", p + "/environments/staging", null),
                new Call("PUT", p + "/environments/staging", Map.of("branch", "evil")),
                new Call("DELETE", p + "/environments/staging", null),
                new Call("GET", p + "/env", null),
                new Call("POST", p + "/env", Map.of("key", "INTRUDER", "value", "x")),
                new Call("POST", p + "/env/import", Map.of("content", "INTRUDER=x\n")),
                new Call("PUT", p + "/env/CROSS_ORG", Map.of("value", "changed")),
                new Call("DELETE", p + "/env/CROSS_ORG", null),
                new Call("GET", p + "/deployments", null),
                new Call("POST", p + "/deployments", Map.of("environment", "production")),
                new Call("POST", p + "/deployments/rollback", Map.of("commitSha", "0".repeat(40), "environment", "production")),
                new Call("POST", p + "/deployments/rollback/last-success", Map.of("environment", "production")),
                new Call("GET", "/api/v1/deployments?organizationId={org}", null),
                new Call("GET", "/api/v1/deployments?projectId={project}", null),
                new Call("GET", d, null),
                new Call("POST", d + "/retry", Map.of()),
                new Call("POST", d + "/rollback", Map.of()),
                new Call("POST", d + "/cancel", Map.of()),
                new Call("GET", d + "/status", null),
                new Call("GET", d + "/logs", null),
                new Call("GET", d + "/logs/download", null, Map.of("Accept", "text/plain, application/problem+json")),
                new Call("GET", "/api/v1/health-checks?projectId={project}", null),
                new Call("GET", "/api/v1/health-checks/{deployment}", null),
                new Call("GET", "/api/v1/metrics/dora?projectId={project}", null),
                new Call("GET", "/api/v1/metrics/durations?projectId={project}", null),
                new Call("GET", "/api/v1/metrics/cost?projectId={project}", null),
                new Call("GET", "/api/v1/alert-rules?organizationId={org}", null),
                new Call("POST", "/api/v1/alert-rules", Map.of("organizationId", "{org}", "projectId", "{project}",
                        "type", "deployment-failed", "webhook", Map.of("url", "https://hooks.example.test/b"))),
                new Call("GET", "/api/v1/alert-rules/{rule}", null),
                new Call("PATCH", "/api/v1/alert-rules/{rule}", Map.of("enabled", false)),
                new Call("DELETE", "/api/v1/alert-rules/{rule}", null),
                new Call("GET", "/api/v1/alerts?organizationId={org}", null),
                new Call("GET", "/api/v1/cicd-providers?organizationId={org}", null),
                new Call("POST", "/api/v1/cicd-providers", Map.of("organizationId", "{org}", "type", "jenkins", "name", "b",
                        "baseUrl", "https://jenkins.example.test")),
                new Call("GET", "/api/v1/cicd-providers/{cicd}", null),
                new Call("PUT", "/api/v1/cicd-providers/{cicd}", Map.of("name", "taken over")),
                new Call("POST", "/api/v1/cicd-providers/{cicd}/test", Map.of()),
                new Call("DELETE", "/api/v1/cicd-providers/{cicd}", null),
                new Call("GET", "/api/v1/databases?projectId={project}", null),
                new Call("POST", "/api/v1/databases", Map.of("projectId", "{project}", "environment", "production")));
    }

    record Call(String method, String path, Object body, Map<String, String> headers) {
        Call(String method, String path, Object body) {
            this(method, path, body, Map.of());
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOperationOnAnotherOrganizationsResourceIs404() {
        Api b = gateway.as(intruder);
        return calls().stream().map(call -> DynamicTest.dynamicTest(call.method() + " " + call.path(), () -> {
            Api.Response response = b.send(call.method(), fill(call.path()), fill(call.body()), call.headers());
            assertThat(response.status()).as("%s %s → %s", call.method(), call.path(), response).isEqualTo(404);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }));
    }

    @TestFactory
    Stream<DynamicTest> theLiveStreamsOfAnotherOrganizationsDeploymentDoNotOpen() {
        String deployment = "/api/v1/deployments/" + ids.get("deployment");
        return Stream.of("/logs/stream", "/status/stream").flatMap(stream -> Stream.of(
                DynamicTest.dynamicTest("monitor-service " + stream + ": handshake refused with 404", () -> {
                    URI monitor = new SecurityTarget(suite).service("monitor-service");
                    URI uri = URI.create(monitor.toString().replaceFirst("^http", "ws") + deployment + stream
                            + "?access_token=" + intruder.accessToken());
                    try (HttpClient client = HttpClient.newHttpClient()) {
                        Throwable failure = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                                .buildAsync(uri, new WebSocket.Listener() { })
                                .handle((socket, error) -> {
                                    if (socket != null) {
                                        socket.abort();
                                    }
                                    return error instanceof CompletionException wrapped ? wrapped.getCause() : error;
                                }).join();
                        assertThat(failure).as("the handshake is refused").isInstanceOf(WebSocketHandshakeException.class);
                        assertThat(((WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(404);
                    }
                }),
                DynamicTest.dynamicTest("gateway " + stream + ": closed before any message", () -> {
                    try (dev.autodeploy.e2e.support.Stream socket = dev.autodeploy.e2e.support.Stream.open(gateway.base(),
                            deployment + stream, intruder.accessToken())) {
                        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> socket.closed().isDone());
                        assertThat(socket.messages()).isEmpty();
                    }
                })));
    }

    @Test
    void organizationASeesItsResourcesUnchanged() {
        // Runs in any order with the factory above: compare after B's calls ran, then once more at the end.
        Api b = gateway.as(intruder);
        calls().forEach(call -> b.send(call.method(), fill(call.path()), fill(call.body()), call.headers()));
        assertThat(snapshot()).isEqualTo(before);
    }

    /** A's stable state as its owner reads it (the deployment's own progress left out, its siblings counted). */
    private Map<String, String> snapshot() {
        Api owner = gateway.as(a.owner());
        String p = "/api/v1/projects/" + ids.get("project");
        Map<String, String> state = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/organizations/" + a.id(), "/api/v1/organizations/" + a.id() + "/members",
                "/api/v1/organizations/" + a.id() + "/invitations", "/api/v1/users/" + a.owner().id(),
                "/api/v1/repositories?organizationId=" + a.id(), "/api/v1/repositories/" + ids.get("repository"),
                "/api/v1/projects?organizationId=" + a.id(), p, p + "/environments", p + "/env",
                "/api/v1/alert-rules?organizationId=" + a.id(), "/api/v1/cicd-providers?organizationId=" + a.id(),
                "/api/v1/databases?projectId=" + ids.get("project"))) {
            Api.Response response = owner.get(path);
            state.put(path, response.status() + " " + response.text().replaceAll("\"requestId\":\"[^\"]*\"", ""));
        }
        JsonNode deployments = owner.get(p + "/deployments?size=100").expect(200);
        state.put("deployments", deployments.path("page").path("totalElements").asString("missing"));
        return state;
    }

    private String fill(String text) {
        String filled = text;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            filled = filled.replace("{" + id.getKey() + "}", id.getValue());
        }
        return filled;
    }

    private Object fill(Object body) {
        if (body instanceof Map<?, ?> map) {
            Map<String, Object> filled = new LinkedHashMap<>();
            map.forEach((key, value) -> filled.put((String) key, fill(value)));
            return filled;
        }
        return body instanceof String text ? fill(text) : body;
    }
}
