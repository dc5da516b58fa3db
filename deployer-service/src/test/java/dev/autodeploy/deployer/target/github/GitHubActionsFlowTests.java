package dev.autodeploy.deployer.target.github;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.Contracts;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A github-actions environment end to end in the deployer: the provider registered through the API (its token
 * encrypted, its connection tested against GitHub), the environment's deployment dispatching the workflow and
 * following the run to ready, GitHub's {@code workflow_run} webhook updating the recorded run meanwhile. GitHub is
 * WireMock answering from the contract's examples; every exchange is validated against the contract afterwards.
 */
class GitHubActionsFlowTests extends DeployerTest {

    private static final String WEBHOOK_SECRET = "test-only-github-webhook-secret";
    private static final String RUNS = "/repos/acme/shop/actions/runs";
    private static final JsonMapper json = JsonMapper.builder().build();

    private final WireMockServer github = new WireMockServer(0);
    private final String token = "ghp_flow-" + UUID.randomUUID();

    @BeforeEach
    void gitHub() {
        github.start();
    }

    @AfterEach
    void exchangesFollowedTheContract() {
        try {
            GitHubStubs.assertExchangesFollowedTheContract(github, token);
        }
        finally {
            github.stop();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeploymentDispatchesTheWorkflowAndFollowsTheRunToReadyWhileWorkflowRunWebhooksUpdateIt() {
        Member admin = member(Role.ADMIN);
        assertThat(get("/api/v1/providers/github-actions", admin).getBody()).containsEntry("available", true);
        ObjectNode user = (ObjectNode) Contracts.example(Contracts.GITHUB_REST,
                "private-user-response-with-public-and-private-profile-information");
        github.stubFor(WireMock.get("/user").willReturn(okJson(user.put("user_view_type", "private").toString())));
        ResponseEntity<Map<String, Object>> provider = post("/api/v1/cicd-providers", Map.of("organizationId",
                admin.organizationId(), "type", "github-actions", "name", "GitHub " + UUID.randomUUID(), "baseUrl",
                github.baseUrl(), "secret", token), admin);
        assertThat(provider.getStatusCode().value()).as("%s", provider.getBody()).isEqualTo(201);
        Object providerId = provider.getBody().get("id");
        assertThat(post("/api/v1/cicd-providers/" + providerId + "/test", null, admin).getBody())
                .containsEntry("ok", true);

        TestGitRemote repository = repository();
        String commit = repository.commit("v1", TestApps.staticSite("v1"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        ResponseEntity<Map<String, Object>> refused = post("/api/v1/projects/" + project.get("id") + "/environments",
                Map.of("name", "ci-bad", "branch", "main", "target", "github-actions", "settings", Map.of(
                        "providerId", providerId, "repository", "acme/shop", "workflow", "${{ evil }}")), admin);
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        ResponseEntity<Map<String, Object>> environment = post("/api/v1/projects/" + project.get("id")
                + "/environments", Map.of("name", "ci", "branch", "main", "target", "github-actions", "settings",
                Map.of("providerId", providerId, "repository", "acme/shop", "workflow", "deploy.yml", "url",
                        "https://shop.example.com")), admin);
        assertThat(environment.getStatusCode().value()).as("%s", environment.getBody()).isEqualTo(201);

        long runId = 880000 + (long) (Math.random() * 100000);
        github.stubFor(WireMock.post("/repos/acme/shop/actions/workflows/deploy.yml/dispatches")
                .willReturn(okJson(GitHubStubs.dispatched(runId).toString())));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/" + runId)).inScenario("run")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(GitHubStubs.run(runId, "in_progress", null).toString())));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/" + runId)).inScenario("run").whenScenarioStateIs("done")
                .willReturn(okJson(GitHubStubs.run(runId, "completed", "success").toString())));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/" + runId + "/jobs")).willReturn(okJson(
                GitHubStubs.jobs(runId, runId + 1, "in_progress", null).toString())));

        Object deploymentId = deploy(admin, project.get("id"), Map.of("environment", "ci")).get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> "in_progress".equals(externalStatus(deploymentId)));
        assertThat(get("/api/v1/deployments/" + deploymentId, admin).getBody()).containsEntry("status", "deploying");

        ObjectNode completed = workflowRun(runId);
        ResponseEntity<Map<String, Object>> webhook = deliver(completed);
        assertThat(webhook.getStatusCode().value()).as("%s", webhook.getBody()).isEqualTo(202);
        assertThat((List<Object>) webhook.getBody().get("deployments")).containsExactly(deploymentId);
        assertThat(externalStatus(deploymentId)).isEqualTo("success");

        github.setScenarioState("run", "done");
        Map<String, Object> ready = awaitStatus(admin, deploymentId, "ready");
        assertThat(ready).containsEntry("url", "https://shop.example.com").containsEntry("commitSha", commit);
        github.verify(1, postRequestedFor(urlPathEqualTo("/repos/acme/shop/actions/workflows/deploy.yml/dispatches")));
        assertThat(count("SELECT count(*) FROM cicd_jobs WHERE environment_id = ?::uuid",
                environment.getBody().get("id"))).isOne();
    }

    private String externalStatus(Object deploymentId) {
        return jdbc.sql("SELECT external_status FROM deployment_cicd_mappings WHERE deployment_id = ?::uuid")
                .param(deploymentId).query(String.class).optional().orElse(null);
    }

    private ObjectNode workflowRun(long runId) {
        try (var in = getClass().getResourceAsStream("/github-webhooks/workflow_run.completed.json")) {
            ObjectNode event = (ObjectNode) json.readTree(in);
            ((ObjectNode) event.get("workflow_run")).put("id", runId).put("status", "completed")
                    .put("conclusion", "success");
            return event;
        }
        catch (java.io.IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private ResponseEntity<Map<String, Object>> deliver(ObjectNode payload) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return http().post().uri("/api/v1/webhooks/github").contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", sign(body)).body(body).retrieve().toEntity(JSON);
    }

    private static String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(WEBHOOK_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(body));
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
