package dev.autodeploy.analyzer.github;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.autodeploy.analyzer.AnalyzerTest;
import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestAuditEvents;
import dev.autodeploy.testsupport.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;
import org.springframework.kafka.core.ConsumerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Discovering and importing the caller's GitHub repositories. GitHub's REST API and auth-service's
 * internal API are WireMock: the GitHub stubs are built from the contract's own examples
 * ({@code shared/contracts/github-rest.slice.json}) and every request the analyzer sent there, with each
 * answer, is validated against it after each test; auth-service's stubs answer what its
 * {@code ServiceTokenController} and {@code InternalConnectionController} answer. No token or secret may
 * reach the output or a response.
 */
@ExtendWith(OutputCaptureExtension.class)
class GitHubRepositoriesTests extends AnalyzerTest {

    private static final String PROBLEMS = "https://autodeploy.dev/problems/";
    /** The service token auth-service hands out; the analyzer keeps it until shortly before it expires. */
    private static final String SERVICE_TOKEN = "eyJ.test-service-token.sig";
    private static final OpenApiInteractionValidator contract = Contracts.gitHub();
    private static final JsonMapper json = JsonMapper.builder().build();

    private final List<String> secrets = new ArrayList<>(List.of(CLIENT_SECRET, SERVICE_TOKEN));

    @AfterEach
    void gitHubCallsFollowTheContractAndNoSecretWasShown(CapturedOutput output) {
        for (ServeEvent event : github.getAllServeEvents()) {
            ValidationReport report = Contracts.validate(contract, event);
            assertThat(report.hasErrors()).as("%s against the GitHub contract: %s", event.getRequest().getUrl(),
                    report.getMessages()).isFalse();
            assertThat(event.getRequest().getHeader("Accept")).isEqualTo("application/vnd.github+json");
            assertThat(event.getRequest().getHeader("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
        }
        assertThat(output.getAll()).doesNotContain(secrets.toArray(String[]::new));
    }

    @Test
    void discoveryListsTheCallersRepositoriesAndMarksTheOnesTheOrganizationHas() {
        Member developer = member(Role.DEVELOPER);
        String token = connectGitHub(developer);
        ObjectNode registered = repositoryJson("acme/registered-" + suffix(), true, "TypeScript");
        ObjectNode fresh = listedRepositoryJson("acme/fresh-" + suffix());
        github.stubFor(WireMock.get(urlPathEqualTo("/repos/" + registered.get("full_name").asString()))
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(registered.toString())));
        ObjectNode listed = listedRepositoryJson(registered.get("full_name").asString());
        listed.put("id", registered.get("id").asLong()).put("private", true).put("language", "TypeScript");
        String repositoryId = (String) post("/api/v1/repositories/github", Map.of("organizationId",
                developer.organizationId(), "fullName", registered.get("full_name").asString()), developer).getBody()
                .get("id");
        ArrayNode page = json.createArrayNode().add(listed).add(fresh);
        github.stubFor(WireMock.get(urlPathEqualTo("/user/repos")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(okJson(page.toString()).withHeader("Link",
                        "<https://api.github.com/user/repos?page=3&per_page=2>; rel=\"next\", "
                                + "<https://api.github.com/user/repos?page=5&per_page=2>; rel=\"last\"")));

        ResponseEntity<Map<String, Object>> discovered = get("/api/v1/repositories/github?organizationId="
                + developer.organizationId() + "&page=1&size=2", developer);

        assertThat(discovered.getStatusCode().value()).isEqualTo(200);
        assertThat(content(discovered.getBody())).hasSize(2);
        assertThat(content(discovered.getBody()).get(0)).containsEntry("fullName", registered.get("full_name").asString())
                .containsEntry("registered", true).containsEntry("repositoryId", repositoryId)
                .containsEntry("private", true).containsEntry("language", "TypeScript")
                .containsEntry("cloneUrl", registered.get("clone_url").asString());
        assertThat(content(discovered.getBody()).get(1)).containsEntry("registered", false)
                .containsEntry("repositoryId", null);
        assertThat(map(discovered.getBody().get("page"))).containsEntry("number", 1).containsEntry("size", 2)
                .containsEntry("hasNext", true).containsEntry("totalPages", 5);
        github.verify(getRequestedFor(urlPathEqualTo("/user/repos")).withQueryParam("page", equalTo("2"))
                .withQueryParam("per_page", equalTo("2")));
        assertThat(discovered.getBody().toString()).doesNotContain(token);
    }

    @Test
    void importStoresWhatGitHubSaysAndTheSameRepositoryTwiceIsAConflict() {
        Member developer = member(Role.DEVELOPER);
        String token = connectGitHub(developer);
        ObjectNode repository = repositoryJson("octo-org/private-app-" + suffix(), true, "JavaScript");
        repository.put("default_branch", "develop");
        github.stubFor(WireMock.get(urlPathEqualTo("/repos/" + repository.get("full_name").asString()))
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(repository.toString())));
        Map<String, Object> request = Map.of("organizationId", developer.organizationId(), "fullName",
                repository.get("full_name").asString());

        ResponseEntity<Map<String, Object>> imported = post("/api/v1/repositories/github", request, developer);

        assertThat(imported.getStatusCode().value()).isEqualTo(201);
        assertThat(imported.getBody()).containsEntry("provider", "github")
                .containsEntry("fullName", repository.get("full_name").asString())
                .containsEntry("url", repository.get("clone_url").asString()).containsEntry("defaultBranch", "develop")
                .containsEntry("private", true).containsEntry("language", "JavaScript");
        assertThat(((Number) imported.getBody().get("githubId")).longValue()).isEqualTo(repository.get("id").asLong());
        assertThat(imported.getBody().toString()).doesNotContain(token);
        assertThat(jdbc.sql("SELECT count(*) FROM repositories WHERE url LIKE '%@%'").query(Long.class).single())
                .isZero();
        ResponseEntity<Map<String, Object>> again = post("/api/v1/repositories/github", request, developer);
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("type", PROBLEMS + "repository-already-registered");
    }

    @Test
    void anImportIsAuditedOnceWithoutTheToken(@Autowired ConsumerFactory<String, CloudEvent<?>> consumers) {
        Member developer = member(Role.DEVELOPER);
        String token = connectGitHub(developer);
        ObjectNode repository = repositoryJson("octo-org/audited-" + suffix(), false, "Java");
        github.stubFor(WireMock.get(urlPathEqualTo("/repos/" + repository.get("full_name").asString()))
                .withHeader("Authorization", equalTo("Bearer " + token)).willReturn(okJson(repository.toString())));

        ResponseEntity<Map<String, Object>> imported = post("/api/v1/repositories/github", Map.of("organizationId",
                developer.organizationId(), "fullName", repository.get("full_name").asString()), developer);
        assertThat(imported.getStatusCode().value()).isEqualTo(201);

        List<AuditRecorded> recorded = new TestAuditEvents(consumers).of(developer.organizationId(), 1);
        assertThat(recorded).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("repository.registered");
            assertThat(entry.targetId()).isEqualTo(imported.getBody().get("id"));
            assertThat(entry.actorId()).isEqualTo(developer.userId());
            assertThat(entry.after()).containsEntry("provider", "github")
                    .containsEntry("fullName", repository.get("full_name").asString());
        });
        assertThat(recorded.toString()).doesNotContain(token).doesNotContain(SERVICE_TOKEN).doesNotContain(CLIENT_SECRET);
    }

    @Test
    void withoutAGitHubConnectionDiscoveryAndImportAnswerGitHubNotConnected() {
        Member developer = member(Role.DEVELOPER);
        stubServiceToken();
        authService.stubFor(WireMock.get(urlPathEqualTo(tokenPath(developer))).willReturn(aResponse().withStatus(404)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"type\":\"https://autodeploy.dev/problems/connection-not-found\",\"status\":404}")));

        ResponseEntity<Map<String, Object>> discovery = get("/api/v1/repositories/github?organizationId="
                + developer.organizationId(), developer);
        ResponseEntity<Map<String, Object>> imported = post("/api/v1/repositories/github",
                Map.of("organizationId", developer.organizationId(), "fullName", "acme/app"), developer);

        for (ResponseEntity<Map<String, Object>> answer : List.of(discovery, imported)) {
            assertThat(answer.getStatusCode().value()).isEqualTo(409);
            assertThat(answer.getBody()).containsEntry("type", PROBLEMS + "github-not-connected");
        }
        assertThat(github.getAllServeEvents()).isEmpty();
        assertThat(rows("repositories", "organization_id", developer.organizationId())).isZero();
    }

    @Test
    void gitHubFailingOrNotKnowingTheRepositoryIsAProblemAndNothingIsStored() {
        Member developer = member(Role.DEVELOPER);
        String token = connectGitHub(developer);
        github.stubFor(WireMock.get(urlPathEqualTo("/repos/acme/missing")).withHeader("Authorization", equalTo("Bearer " + token))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Not Found\"}")));
        github.stubFor(WireMock.get(urlPathEqualTo("/user/repos")).willReturn(aResponse().withStatus(502)
                .withBody("upstream " + token)));

        ResponseEntity<Map<String, Object>> missing = post("/api/v1/repositories/github",
                Map.of("organizationId", developer.organizationId(), "fullName", "acme/missing"), developer);
        assertThat(missing.getStatusCode().value()).isEqualTo(404);
        assertThat(missing.getBody()).containsEntry("type", PROBLEMS + "github-repository-not-found");
        ResponseEntity<Map<String, Object>> failing = get("/api/v1/repositories/github?organizationId="
                + developer.organizationId(), developer);
        assertThat(failing.getStatusCode().value()).isEqualTo(503);
        assertThat(failing.getBody()).containsEntry("type", PROBLEMS + "github-unavailable");
        assertThat(failing.getBody().toString()).doesNotContain(token);
        assertThat(rows("repositories", "organization_id", developer.organizationId())).isZero();
    }

    @Test
    void viewersCannotImportAndOutsidersCannotLookIntoAnOrganization() {
        Member viewer = member(Role.VIEWER);
        Member outsider = member(Role.OWNER);
        connectGitHub(viewer);
        ResponseEntity<Map<String, Object>> refused = post("/api/v1/repositories/github",
                Map.of("organizationId", viewer.organizationId(), "fullName", "acme/app"), viewer);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(get("/api/v1/repositories/github?organizationId=" + viewer.organizationId(), outsider)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/v1/repositories/github?organizationId=" + viewer.organizationId() + "&size=101", viewer)
                .getStatusCode().value()).isEqualTo(400);
        assertThat(github.getAllServeEvents()).isEmpty();
    }

    /** auth-service knows the member's GitHub connection; returns the GitHub token it hands out. */
    private String connectGitHub(Member member) {
        String token = "gho_" + UUID.randomUUID().toString().replace("-", "");
        secrets.add(token);
        stubServiceToken();
        authService.stubFor(WireMock.get(urlPathEqualTo(tokenPath(member)))
                .withHeader("Authorization", equalTo("Bearer " + SERVICE_TOKEN))
                .willReturn(okJson(json.writeValueAsString(Map.of("provider", "github", "accessToken", token,
                        "scopes", List.of("read:user", "user:email", "repo"))))));
        return token;
    }

    private static void stubServiceToken() {
        authService.stubFor(WireMock.post(urlPathEqualTo("/internal/v1/service-tokens"))
                .withRequestBody(equalToJson(json.writeValueAsString(
                        Map.of("clientId", "analyzer-service", "clientSecret", CLIENT_SECRET))))
                .willReturn(okJson(json.writeValueAsString(Map.of("accessToken", SERVICE_TOKEN, "tokenType", "Bearer",
                        "expiresIn", 300, "expiresAt", Instant.now().plusSeconds(300).toString())))));
    }

    private static String tokenPath(Member member) {
        return "/internal/v1/users/" + member.userId() + "/connections/github/token";
    }

    /**
     * The contract's example of {@code GET /repos/{owner}/{repo}}, made into {@code fullName}: not a fork
     * (GitHub sends {@code parent}, {@code source} and {@code template_repository} only for forks and
     * repositories made from templates, and the example's are not valid against the description itself).
     */
    private static ObjectNode repositoryJson(String fullName, boolean isPrivate, String language) {
        ObjectNode repository = (ObjectNode) Contracts.example(Contracts.GITHUB_REST,
                "full-repository-default-response");
        repository.remove(List.of("parent", "source", "template_repository"));
        return named(repository, fullName, isPrivate, language);
    }

    /**
     * An item of the contract's example of {@code GET /user/repos}, made into {@code fullName}, less three
     * properties of the single-repository answer that the example carries but the list's schema does not allow.
     */
    private static ObjectNode listedRepositoryJson(String fullName) {
        ObjectNode repository = (ObjectNode) Contracts.example(Contracts.GITHUB_REST,
                "repository-items-default-response").get(0);
        repository.remove(List.of("network_count", "subscribers_count", "template_repository"));
        return named(repository, fullName, false, null);
    }

    private static ObjectNode named(ObjectNode repository, String fullName, boolean isPrivate, String language) {
        String name = fullName.substring(fullName.indexOf('/') + 1);
        repository.put("id", ThreadLocalRandom.current().nextLong(1, Integer.MAX_VALUE)).put("name", name)
                .put("full_name", fullName).put("private", isPrivate)
                .put("html_url", "https://github.com/" + fullName)
                .put("clone_url", "https://github.com/" + fullName + ".git");
        if (language == null) {
            repository.putNull("language");
        }
        else {
            repository.put("language", language);
        }
        return repository;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
