package dev.autodeploy.deployer.target.gitlab;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.events.CloudEvent;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole way through the deployer: a {@code gitlab-ci} provider registered and tested through the API, an
 * environment deploying with it, a deployment that runs a pipeline of a WireMock GitLab (stubs per GitLab's
 * Pipelines and Jobs API documentation) to ready — or to error naming the failed job — with the jobs' logs in the
 * deployment's log, and GitLab's webhook updating the recorded run once per delivery.
 */
class GitLabDeploymentFlowTests extends DeployerTest {

    private static final String TOKEN = "glpat-flow-test-only-Qm3";
    private static final String WEBHOOK_SECRET = "gitlab-webhook-secret-test-only";

    @RegisterExtension
    static final WireMockExtension gitlab = WireMockExtension.newInstance()
            // GitLab behind nginx ignores the JDK client's h2c upgrade; Jetty would take it and reset POST bodies
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true))
            .build();

    @Test
    void aDeploymentRunsThePipelineToReadyAndGitLabsWebhookUpdatesItsRun() {
        Member admin = member(Role.ADMIN);
        Run run = Run.fresh();
        Object projectId = gitLabProject(admin, run);
        String api = run.api();
        String path = run.path();
        long pipelineId = run.pipelineId();
        gitlab.stubFor(WireMock.post(urlEqualTo(api + "/pipeline")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(matchingJsonPath("$.ref", equalTo("main")))
                .withRequestBody(matchingJsonPath("$.variables[?(@.key == 'AUTODEPLOY_ENVIRONMENT')].value",
                        equalTo("gitlab")))
                .willReturn(run.created()));
        pipelineRuns(run, "success", GitLabApiExamples.job(pipelineId + 1, "pages", "deploy", "success", false),
                "$ npm run build\nUploading artifacts for successful job\n");

        Map<String, Object> queued = deploy(admin, projectId, Map.of("environment", "gitlab", "branch", "main"));
        Map<String, Object> ready = awaitStatus(admin, queued.get("id"), "ready");

        assertThat(ready.get("url")).isEqualTo("https://app.example.com");
        UUID deploymentId = UUID.fromString((String) queued.get("id"));
        assertThat(jdbc.sql("SELECT external_id FROM deployment_cicd_mappings WHERE deployment_id = ?")
                .param(deploymentId).query(String.class).single()).isEqualTo(String.valueOf(pipelineId));
        gitlab.verify(1, postRequestedFor(urlEqualTo(api + "/pipeline")).withRequestBody(matchingJsonPath(
                "$.variables[?(@.key == 'AUTODEPLOY_DEPLOYMENT_ID')].value", equalTo(deploymentId.toString()))));
        assertThat(logs(deploymentId, "[pages] Uploading artifacts for successful job")).isNotEmpty();

        String hook = """
                {"object_kind": "pipeline", "object_attributes": {"id": %d, "status": "success", "ref": "main"},
                 "project": {"id": 42, "web_url": "https://gitlab.example.com/%s"}}
                """.formatted(pipelineId, path);
        String delivery = UUID.randomUUID().toString();
        assertThat(webhook(hook, "not-the-secret", delivery).getStatusCode().value()).isEqualTo(401);
        ResponseEntity<Map<String, Object>> first = webhook(hook, WEBHOOK_SECRET, delivery);
        ResponseEntity<Map<String, Object>> replay = webhook(hook, WEBHOOK_SECRET, delivery);

        assertThat(first.getStatusCode().value()).as("%s", first.getBody()).isEqualTo(200);
        assertThat(first.getBody()).containsEntry("status", "processed")
                .containsEntry("deploymentId", deploymentId.toString());
        assertThat(replay.getBody()).containsEntry("status", "duplicate");
        // recorded once, under both of its ids (Idempotency-Key and X-Gitlab-Event-UUID)
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE provider = 'gitlab-ci' AND delivery_id LIKE ?",
                "%:" + delivery)).isEqualTo(2);
        assertThat(logs(deploymentId, "GitLab reports pipeline #" + pipelineId + " success")).hasSize(1);
        assertThat(get("/api/v1/providers/gitlab-ci", admin).getBody()).containsEntry("available", true);
    }

    @Test
    void aFailedPipelineEndsTheDeploymentInErrorNamingTheJob() {
        Member admin = member(Role.ADMIN);
        Run run = Run.fresh();
        Object projectId = gitLabProject(admin, run);
        long pipelineId = run.pipelineId();
        gitlab.stubFor(WireMock.post(urlEqualTo(run.api() + "/pipeline")).willReturn(run.created()));
        pipelineRuns(run, "failed", GitLabApiExamples.job(pipelineId + 1, "smoke-test", "verify", "failed", false),
                "curl: (7) Failed to connect\nERROR: Job failed: exit code 7\n");

        Map<String, Object> queued = deploy(admin, projectId, Map.of("environment", "gitlab", "branch", "main"));
        Map<String, Object> failed = awaitFinished(admin, queued.get("id"));

        assertThat(failed.get("status")).isEqualTo("error");
        assertThat((String) failed.get("statusReason"))
                .contains("GitLab pipeline #" + pipelineId + " failed in job 'smoke-test' (stage verify)");
    }

    @Test
    void cancellingTheDeploymentCancelsItsPipelineInGitLab() {
        Member admin = member(Role.ADMIN);
        Run run = Run.fresh();
        Object projectId = gitLabProject(admin, run);
        String pipeline = run.api() + "/pipelines/" + run.pipelineId();
        gitlab.stubFor(WireMock.post(urlEqualTo(run.api() + "/pipeline")).willReturn(run.created()));
        gitlab.stubFor(WireMock.get(urlEqualTo(pipeline)).willReturn(okJson(run.pipeline("running"))));
        gitlab.stubFor(WireMock.get(urlPathEqualTo(pipeline + "/jobs")).willReturn(okJson(GitLabApiExamples.jobs())));
        gitlab.stubFor(WireMock.post(urlEqualTo(pipeline + "/cancel")).willReturn(okJson(run.pipeline("canceling"))));

        Object id = deploy(admin, projectId, Map.of("environment", "gitlab", "branch", "main")).get("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> count(
                "SELECT count(*) FROM deployment_cicd_mappings WHERE deployment_id = ? AND external_status = 'running'",
                UUID.fromString((String) id)) == 1);
        assertThat(post("/api/v1/deployments/" + id + "/cancel", null, admin).getStatusCode().is2xxSuccessful())
                .isTrue();

        assertThat(awaitFinished(admin, id).get("status")).isEqualTo("cancelled");
        gitlab.verify(1, postRequestedFor(urlEqualTo(pipeline + "/cancel")));
    }

    /** A project whose environment {@code gitlab} deploys with a newly registered, tested gitlab-ci provider. */
    private Object gitLabProject(Member admin, Run run) {
        gitlab.stubFor(WireMock.get(urlEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson(GitLabApiExamples.user())));
        gitlab.stubFor(WireMock.get(urlEqualTo(run.api()))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)).willReturn(okJson(GitLabApiExamples.project()
                        .replace("group/sub/app", run.path()))));
        ResponseEntity<Map<String, Object>> provider = post("/api/v1/cicd-providers", Map.of(
                "organizationId", admin.organizationId(), "type", "gitlab-ci", "name", "GitLab",
                "baseUrl", gitlab.baseUrl(), "secret", TOKEN, "settings", Map.of()), admin);
        assertThat(provider.getStatusCode().value()).as("%s", provider.getBody()).isEqualTo(201);
        Object providerId = provider.getBody().get("id");
        assertThat(post("/api/v1/cicd-providers/" + providerId + "/test", null, admin).getBody())
                .containsEntry("ok", true);

        TestGitRemote repository = repository();
        String commit = repository.commit("app", TestApps.staticSite("GitLab"));
        Object projectId = project(admin, repository, commit, Map.of("outputDirectory", ".")).get("id");
        ResponseEntity<Map<String, Object>> environment = post("/api/v1/projects/" + projectId + "/environments",
                Map.of("name", "gitlab", "target", "gitlab-ci", "settings", Map.of("providerId", providerId,
                        "project", run.path(), "url", "https://app.example.com")), admin);
        assertThat(environment.getStatusCode().value()).as("%s", environment.getBody()).isEqualTo(201);
        return projectId;
    }

    /**
     * A pipeline of a GitLab project of the test's own (the tests share a database and the WireMock GitLab, so
     * pipeline ids and project paths are never reused).
     */
    private record Run(String path, long pipelineId) {

        static Run fresh() {
            return new Run("group-" + UUID.randomUUID().toString().substring(0, 8) + "/app",
                    ThreadLocalRandom.current().nextLong(1_000_000, 1_000_000_000));
        }

        String api() {
            return "/api/v4/projects/" + path.replace("/", "%2F");
        }

        String pipeline(String status) {
            return GitLabApiExamples.pipeline(pipelineId, status).replace("group/sub/app", path);
        }

        ResponseDefinitionBuilder created() {
            return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                    .withBody(pipeline("created"));
        }
    }

    /** The pipeline is running at first, {@code outcome} after; its one job's log is {@code log}. */
    private void pipelineRuns(Run run, String outcome, String job, String log) {
        String pipeline = run.api() + "/pipelines/" + run.pipelineId();
        gitlab.stubFor(WireMock.get(urlEqualTo(pipeline)).inScenario(pipeline).whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("later").willReturn(okJson(run.pipeline("running"))));
        gitlab.stubFor(WireMock.get(urlEqualTo(pipeline)).inScenario(pipeline).whenScenarioStateIs("later")
                .willReturn(okJson(run.pipeline(outcome))));
        gitlab.stubFor(WireMock.get(urlPathEqualTo(pipeline + "/jobs"))
                .willReturn(okJson(GitLabApiExamples.jobs(job))));
        gitlab.stubFor(WireMock.get(urlEqualTo(run.api() + "/jobs/" + (run.pipelineId() + 1) + "/trace"))
                .willReturn(aResponse().withBody(log)));
    }

    private ResponseEntity<Map<String, Object>> webhook(String body, String token, String delivery) {
        return http().post().uri("/api/v1/webhooks/gitlab").contentType(MediaType.APPLICATION_JSON)
                .header("X-Gitlab-Event", "Pipeline Hook").header("X-Gitlab-Token", token)
                .header("X-Gitlab-Event-UUID", delivery).header("Idempotency-Key", delivery).body(body)
                .retrieve().onStatus(status -> true, (request, response) -> { }).toEntity(JSON);
    }

    /** The deployment's log lines saying {@code message}, once at least one has arrived. */
    private List<CloudEvent<?>> logs(UUID deploymentId, String message) {
        List<CloudEvent<?>>[] found = new List[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found[0] = events(Topics.DEPLOYMENT_LOGS, event -> event.data() instanceof DeploymentLogged line
                    && line.deploymentId().equals(deploymentId) && line.message().equals(message));
            return !found[0].isEmpty();
        });
        return found[0];
    }
}
