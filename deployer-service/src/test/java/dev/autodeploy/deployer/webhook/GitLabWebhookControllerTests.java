package dev.autodeploy.deployer.webhook;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.support.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code POST /api/v1/webhooks/gitlab} with deliveries shaped as GitLab sends them (headers {@code X-Gitlab-Event},
 * {@code X-Gitlab-Token}, {@code X-Gitlab-Event-UUID}, {@code Idempotency-Key}; Pipeline Hook and Job Hook payloads
 * per GitLab's webhook events documentation): the token decides, a replayed delivery has no second effect.
 */
class GitLabWebhookControllerTests {

    private static final String SECRET = "webhook-secret-test-only-91";
    private static final String PROJECT_URL = "https://gitlab.example.com/group/sub/app";

    private final CicdRuns runs = mock(CicdRuns.class);
    private final WebhookDeliveries deliveries = mock(WebhookDeliveries.class);
    @SuppressWarnings("unchecked")
    private final ObjectProvider<DeploymentLookup> lookup = mock(ObjectProvider.class);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final UUID deploymentId = UUID.randomUUID();

    @BeforeEach
    void collaborators() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        when(deliveries.firstDelivery(anyString(), anyString()))
                .thenAnswer(call -> seen.add(call.getArgument(0) + "/" + call.getArgument(1)));
        when(runs.findByExternal("gitlab-ci", "61")).thenReturn(Optional.of(new CicdRun(deploymentId,
                UUID.randomUUID(), "61", PROJECT_URL + "/-/pipelines/61", "running")));
        when(runs.findByExternal("gitlab-ci", "99")).thenReturn(Optional.empty());
        DeploymentLookup deployments = mock(DeploymentLookup.class);
        when(deployments.logs(deploymentId)).thenReturn((level, source, message) -> lines.add(message));
        when(lookup.getIfAvailable()).thenReturn(deployments);
    }

    private MockMvc mvc(String secret) {
        return MockMvcBuilders.standaloneSetup(new GitLabWebhookController(new GitLabWebhookProperties(secret),
                deliveries, runs, lookup, JsonMapper.builder().build(),
                new TransactionTemplate(mock(PlatformTransactionManager.class))))
                .setControllerAdvice(new ProblemDetailsAdvice()).build();
    }

    @Test
    void aPipelineHookWithTheRightTokenUpdatesTheRunAndLogs() throws Exception {
        mvc(SECRET).perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "success")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("processed"))
                .andExpect(jsonPath("$.deploymentId").value(deploymentId.toString()));

        verify(runs).reported(deploymentId, "success");
        assertThat(lines).containsExactly("GitLab reports pipeline #61 success");
    }

    @Test
    void aWrongTokenIsRefusedWithAProblemAndChangesNothing() throws Exception {
        mvc(SECRET).perform(delivery("Pipeline Hook", SECRET + "x", pipelineHook(61, "success")))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("gitlab-webhook-token-invalid")))
                .andExpect(content().string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString(SECRET))));

        verify(runs, never()).status(any(), any());
        verify(deliveries, never()).firstDelivery(anyString(), anyString());
    }

    @Test
    void aMissingTokenIsRefused() throws Exception {
        mvc(SECRET).perform(delivery("Pipeline Hook", null, pipelineHook(61, "success")))
                .andExpect(status().isUnauthorized());

        verify(runs, never()).status(any(), any());
    }

    @Test
    void withoutAConfiguredSecretEveryDeliveryIsRefused() throws Exception {
        mvc("").perform(delivery("Pipeline Hook", "", pipelineHook(61, "success")))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith("gitlab-webhook-not-configured")));

        verify(runs, never()).status(any(), any());
    }

    @Test
    void aReplayedDeliveryHasOneEffect() throws Exception {
        MockMvc mvc = mvc(SECRET);
        String uuid = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();

        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "failed"), uuid)
                .header("Idempotency-Key", key)).andExpect(status().isOk());
        // GitLab's retry of the same delivery keeps the Idempotency-Key
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "failed"), uuid)
                .header("Idempotency-Key", key)).andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("duplicate"));

        verify(runs, times(1)).reported(deploymentId, "failed");
        assertThat(lines).hasSize(1);
    }

    @Test
    void aResendWithANewEventUuidOrTheSameEventThroughAnotherHookIsStillAReplay() throws Exception {
        MockMvc mvc = mvc(SECRET);
        String uuid = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString();
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "running"), uuid)
                .header("Idempotency-Key", key)).andExpect(jsonPath("$.status").value("processed"));

        // resent from GitLab's webhook log: the same Idempotency-Key
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "running"), UUID.randomUUID().toString())
                .header("Idempotency-Key", key)).andExpect(jsonPath("$.status").value("duplicate"));
        // the same event through the group's webhook: the same X-Gitlab-Event-UUID
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "running"), uuid)
                .header("Idempotency-Key", UUID.randomUUID().toString()))
                .andExpect(jsonPath("$.status").value("duplicate"));

        verify(runs, times(1)).reported(deploymentId, "running");
    }

    @Test
    void aDeliveryWithoutAnIdOrWithAnOversizedOneIsRefused() throws Exception {
        MockMvc mvc = mvc(SECRET);
        mvc.perform(post("/api/v1/webhooks/gitlab").contentType(MediaType.APPLICATION_JSON)
                .header("X-Gitlab-Event", "Pipeline Hook").header("X-Gitlab-Token", SECRET)
                .content(pipelineHook(61, "success"))).andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value(org.hamcrest.Matchers.endsWith(
                        "gitlab-webhook-delivery-id-missing")));
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "success"), "x".repeat(300)))
                .andExpect(status().isBadRequest());

        verify(runs, never()).status(any(), any());
    }

    @Test
    void aJobHookLogsTheJobsStatus() throws Exception {
        mvc(SECRET).perform(delivery("Job Hook", SECRET, """
                {"object_kind": "build", "ref": "main", "tag": false, "sha": "%s", "build_id": 1977,
                 "build_name": "deploy", "build_stage": "deploy", "build_status": "running",
                 "build_allow_failure": false, "pipeline_id": 61, "project_id": 42,
                 "project_name": "group / sub / app",
                 "project": {"id": 42, "name": "app", "web_url": "%s", "path_with_namespace": "group/sub/app"}}
                """.formatted(GitLabWebhookControllerTests.SHA, PROJECT_URL)))
                .andExpect(status().isOk());

        assertThat(lines).containsExactly("GitLab reports job 'deploy' (stage deploy) running");
        verify(runs, never()).status(any(), any());
    }

    @Test
    void aPipelineNoDeploymentRunsOrOfAnotherProjectIsIgnored() throws Exception {
        MockMvc mvc = mvc(SECRET);
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(99, "success"))).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("ignored"));
        mvc.perform(delivery("Pipeline Hook", SECRET, pipelineHook(61, "success")
                .replace(PROJECT_URL, "https://gitlab.example.com/other/app"))).andExpect(status().isAccepted());

        verify(runs, never()).status(any(), any());
    }

    @Test
    void otherEventsAreAcceptedAndIgnored() throws Exception {
        mvc(SECRET).perform(delivery("Push Hook", SECRET, "{\"object_kind\": \"push\", \"ref\": \"refs/heads/main\"}"))
                .andExpect(status().isAccepted()).andExpect(jsonPath("$.status").value("ignored"));

        verify(deliveries, never()).firstDelivery(anyString(), anyString());
    }

    private static final String SHA = "bcbb5ec396a2c0f828686f14fac9b80b780504f2";

    private static MockHttpServletRequestBuilder delivery(String event, String token, String body) {
        return delivery(event, token, body, UUID.randomUUID().toString());
    }

    private static MockHttpServletRequestBuilder delivery(String event, String token, String body, String uuid) {
        MockHttpServletRequestBuilder request = post("/api/v1/webhooks/gitlab")
                .contentType(MediaType.APPLICATION_JSON).header("X-Gitlab-Event", event)
                .header("X-Gitlab-Event-UUID", uuid)
                .header("X-Gitlab-Instance", "https://gitlab.example.com")
                .header("User-Agent", "GitLab/17.6.0").content(body);
        if (token != null) {
            request.header("X-Gitlab-Token", token);
        }
        return request;
    }

    /** A Pipeline Hook as GitLab's webhook events documentation shows one (trimmed). */
    private static String pipelineHook(long id, String status) {
        return """
                {"object_kind": "pipeline",
                 "object_attributes": {"id": %d, "iid": 21, "name": null, "ref": "main", "tag": false,
                   "sha": "%s", "before_sha": "0000000000000000000000000000000000000000", "source": "api",
                   "status": "%s", "detailed_status": "%s", "stages": ["build", "deploy"],
                   "created_at": "2026-12-01 09:36:13 UTC", "finished_at": null, "duration": null,
                   "url": "%s/-/pipelines/%d"},
                 "user": {"id": 7, "name": "Deploy Bot", "username": "deploy-bot"},
                 "project": {"id": 42, "name": "app", "web_url": "%s", "path_with_namespace": "group/sub/app",
                   "default_branch": "main"},
                 "builds": [{"id": 1977, "stage": "deploy", "name": "deploy", "status": "%s",
                   "allow_failure": false}]}
                """.formatted(id, SHA, status, status, PROJECT_URL, id, PROJECT_URL, status);
    }
}
