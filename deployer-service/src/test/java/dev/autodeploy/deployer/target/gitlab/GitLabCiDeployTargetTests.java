package dev.autodeploy.deployer.target.gitlab;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.cicd.CicdJob;
import dev.autodeploy.deployer.cicd.CicdJobs;
import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.target.BuildSettings;
import dev.autodeploy.deployer.target.DeployFailure;
import dev.autodeploy.deployer.target.FollowedRuns;
import dev.autodeploy.deployer.target.Deployed;
import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.deployer.target.DeploymentLookup;
import dev.autodeploy.deployer.target.InvalidTargetSettings;
import dev.autodeploy.deployer.target.LogSink;
import dev.autodeploy.deployer.target.Release;
import dev.autodeploy.deployer.target.TargetEnvironment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.ObjectProvider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.notContaining;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The {@code gitlab-ci} target deploying against a WireMock GitLab (stubs per GitLab's Pipelines and Jobs API
 * documentation), with the deployer's CI/CD records mocked: a pipeline that succeeds, one that fails in a job, one
 * cancelled from AutoDeploy, one cancelled in GitLab, re-attaching after a crash, and which variables reach GitLab.
 */
class GitLabCiDeployTargetTests {

    private static final String PROJECT = "/api/v4/projects/group%2Fsub%2Fapp";
    private static final String COMMIT = GitLabApiExamples.SHA;

    @RegisterExtension
    static final WireMockExtension gitlab = WireMockExtension.newInstance()
            // GitLab behind nginx ignores the JDK client's h2c upgrade; Jetty would take it and reset POST bodies
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true))
            .build();

    private final UUID organizationId = UUID.randomUUID();
    private final UUID providerId = UUID.randomUUID();
    private final UUID environmentId = UUID.randomUUID();
    private final CicdConnections connections = mock(CicdConnections.class);
    private final CicdJobs jobs = mock(CicdJobs.class);
    private final CicdRuns runs = mock(CicdRuns.class);
    @SuppressWarnings("unchecked")
    private final ObjectProvider<DeploymentLookup> lookup = mock(ObjectProvider.class);
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final LogSink logs = (level, source, message) -> lines.add(source + ": " + message);
    private GitLabCiDeployTarget target;

    @BeforeEach
    void target() throws DeployFailure {
        CicdConnection connection = new CicdConnection(providerId, organizationId, "gitlab-ci", "GitLab",
                URI.create(gitlab.baseUrl()), null, "glpat-test-only-x1", Map.of());
        when(connections.require(providerId, organizationId, "gitlab-ci")).thenReturn(connection);
        when(jobs.find(eq(providerId), any())).thenReturn(Optional.empty());
        when(jobs.save(eq(providerId), any(), any(), anyString(), any(), anyMap())).thenAnswer(call -> new CicdJob(
                UUID.randomUUID(), providerId, call.getArgument(1), call.getArgument(2), call.getArgument(3),
                call.getArgument(4), call.getArgument(5)));
        when(runs.find(any())).thenReturn(Optional.empty());
        target = new GitLabCiDeployTarget(connections, jobs, runs,
                GitLabTestCalls.clients(), lookup,
                new GitLabCiProperties(true, Duration.ofMillis(20), Duration.ofMinutes(1)), new FollowedRuns(),
                Clock.systemUTC());
    }

    @Test
    void aPipelineThatSucceedsDeploysWithItsLogsFollowed() throws Exception {
        DeploymentContext deployment = deployment(Map.of("url", "https://app.example.com"), Map.of("API_URL", "x"));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).withRequestBody(equalToJson(createBody(deployment, "")))
                .willReturn(created(61)));
        pipelineGoes(61, "running", "success");
        jobsAre(61, GitLabApiExamples.job(7, "build", "build", "success", false));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).willReturn(aResponse().withStatus(200)
                .withBody("Running with gitlab-runner\n$ npm ci\nadded 12 packages\n")));

        Deployed deployed = target.deploy(deployment, release(deployment), logs);

        assertThat(deployed.url()).isEqualTo("https://app.example.com");
        assertThat(deployed.attributes()).containsEntry("pipelineId", "61")
                .containsEntry("pipelineUrl", "https://gitlab.example.com/group/sub/app/-/pipelines/61");
        assertThat(lines).contains("build: [build] $ npm ci", "build: [build] added 12 packages",
                "system: GitLab pipeline #61 is success");
        assertThat(lines.stream().filter(line -> line.equals("build: [build] $ npm ci"))).hasSize(1);
        verify(runs).record(eq(deployment.deploymentId()), any(), eq("61"),
                eq("https://gitlab.example.com/group/sub/app/-/pipelines/61"), eq("created"));
        verify(runs).status(deployment.deploymentId(), "success");
    }

    @Test
    void aFailedPipelineFailsTheDeploymentNamingTheFailedJob() {
        DeploymentContext deployment = deployment(Map.of(), Map.of());
        pipelineCreated(61);
        pipelineGoes(61, "running", "failed");
        jobsAre(61, GitLabApiExamples.job(6, "lint", "test", "failed", true),
                GitLabApiExamples.job(7, "unit-tests", "test", "failed", false));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/jobs/6/trace")).willReturn(aResponse().withBody("warn\n")));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/jobs/7/trace")).willReturn(aResponse()
                .withBody("1 test failed\nERROR: Job failed: exit code 1")));

        assertThatThrownBy(() -> target.deploy(deployment, release(deployment), logs))
                .isInstanceOf(DeployFailure.class)
                .hasMessage("GitLab pipeline #61 failed in job 'unit-tests' (stage test)")
                .satisfies(ex -> assertThat(((DeployFailure) ex).retryable()).isFalse());
        assertThat(lines).contains("build: [unit-tests] ERROR: Job failed: exit code 1");
    }

    @Test
    void cancellingTheDeploymentCancelsItsPipeline() throws Exception {
        DeploymentContext deployment = deployment(Map.of(), Map.of());
        pipelineCreated(61);
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).willReturn(okJson(
                GitLabApiExamples.pipeline(61, "running"))));
        jobsAre(61, GitLabApiExamples.job(7, "deploy", "deploy", "running", false));
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/jobs/7/trace")).willReturn(aResponse().withBody("")));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipelines/61/cancel")).willReturn(okJson(
                GitLabApiExamples.pipeline(61, "canceling"))));

        CompletableFuture<Deployed> deploying = CompletableFuture.supplyAsync(() -> {
            try {
                return target.deploy(deployment, release(deployment), logs);
            }
            catch (DeployFailure failure) {
                throw new IllegalStateException(failure);
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.contains("system: GitLab pipeline #61 is running"));
        target.cancel(deployment.deploymentId());

        assertThatThrownBy(() -> deploying.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().cause().isInstanceOf(DeployFailure.class)
                .satisfies(ex -> assertThat(((DeployFailure) ex).cancelled()).isTrue());
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/pipelines/61/cancel")));
    }

    @Test
    void aPipelineCancelledInGitLabFailsTheDeployment() {
        DeploymentContext deployment = deployment(Map.of(), Map.of());
        pipelineCreated(61);
        pipelineGoes(61, "running", "canceled");
        jobsAre(61);

        assertThatThrownBy(() -> target.deploy(deployment, release(deployment), logs))
                .isInstanceOf(DeployFailure.class).hasMessage("GitLab pipeline #61 was canceled in GitLab")
                .satisfies(ex -> assertThat(((DeployFailure) ex).cancelled()).isFalse());
    }

    @Test
    void anotherAttemptFollowsThePipelineTheFirstOneStarted() throws Exception {
        DeploymentContext deployment = deployment(Map.of(), Map.of());
        when(runs.find(deployment.deploymentId())).thenReturn(Optional.of(new CicdRun(deployment.deploymentId(),
                UUID.randomUUID(), "61", "https://gitlab.example.com/group/sub/app/-/pipelines/61", "running")));
        pipelineGoes(61, "running", "success");
        jobsAre(61);

        target.deploy(deployment, release(deployment), logs);

        gitlab.verify(0, postRequestedFor(urlPathEqualTo(PROJECT + "/pipeline")));
        assertThat(lines).contains("system: Following GitLab pipeline #61 again (an earlier attempt started it)");
    }

    @Test
    void plainPassesTheEnvironmentsVariablesButNotItsSecrets() throws Exception {
        DeploymentContext deployment = deployment(Map.of("passVariables", "plain"),
                Map.of("API_URL", "https://api.example.com", "STRIPE_KEY", "sk_live_test_only"), Set.of("STRIPE_KEY"));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).withRequestBody(equalToJson(createBody(deployment,
                """
                {"key": "API_URL", "value": "https://api.example.com", "variable_type": "env_var"},""")))
                .willReturn(created(61)));
        pipelineGoes(61, "running", "success");
        jobsAre(61);

        target.deploy(deployment, release(deployment), logs);

        assertThat(lines).contains("system: Secret variables stay out of the pipeline (passVariables is plain):"
                + " STRIPE_KEY");
        assertThat(String.join("\n", lines)).doesNotContain("sk_live_test_only");
    }

    @Test
    void aTriggerTokenFromASecretVariableCreatesThePipelineAndIsNeverAPipelineVariable() throws Exception {
        DeploymentContext deployment = deployment(Map.of("triggerTokenVariable", "GITLAB_TRIGGER_TOKEN",
                "passVariables", "all", "ref", "release/1.x"),
                Map.of("GITLAB_TRIGGER_TOKEN", "glptt-test-only-0f3a", "API_URL", "https://api.example.com"),
                Set.of("GITLAB_TRIGGER_TOKEN"));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/trigger/pipeline"))
                .withFormParam("token", equalTo("glptt-test-only-0f3a"))
                .withFormParam("ref", equalTo("release/1.x"))
                .withFormParam("variables[API_URL]", equalTo("https://api.example.com"))
                .withFormParam("variables[AUTODEPLOY_ENVIRONMENT]", equalTo("production"))
                .willReturn(created(63)));
        pipelineGoes(63, "running", "success");
        jobsAre(63);

        target.deploy(deployment, release(deployment), logs);

        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/trigger/pipeline"))
                .withRequestBody(notContaining("GITLAB_TRIGGER_TOKEN")));
        gitlab.verify(0, postRequestedFor(urlEqualTo(PROJECT + "/pipeline")));
    }

    @Test
    void aTriggerTokenInAPlainVariableIsRefused() {
        DeploymentContext deployment = deployment(Map.of("triggerTokenVariable", "GITLAB_TRIGGER_TOKEN"),
                Map.of("GITLAB_TRIGGER_TOKEN", "glptt-test-only-plain"));

        assertThatThrownBy(() -> target.deploy(deployment, release(deployment), logs))
                .isInstanceOf(DeployFailure.class).hasMessageContaining("must be a secret variable");
        gitlab.verify(0, postRequestedFor(urlPathEqualTo(PROJECT + "/trigger/pipeline")));
    }

    @Test
    void aPipelineThatNeverFinishesIsCancelledAtTheTimeout() {
        GitLabCiDeployTarget impatient = new GitLabCiDeployTarget(connections, jobs, runs,
                GitLabTestCalls.clients(), lookup,
                new GitLabCiProperties(true, Duration.ofMillis(20), Duration.ofMillis(300)), new FollowedRuns(),
                Clock.systemUTC());
        DeploymentContext deployment = deployment(Map.of(), Map.of());
        pipelineCreated(61);
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).willReturn(okJson(
                GitLabApiExamples.pipeline(61, "manual"))));
        jobsAre(61, GitLabApiExamples.job(7, "deploy", "deploy", "manual", false));
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipelines/61/cancel")).willReturn(okJson(
                GitLabApiExamples.pipeline(61, "canceled"))));

        assertThatThrownBy(() -> impatient.deploy(deployment, release(deployment), logs))
                .isInstanceOf(DeployFailure.class)
                .hasMessageContaining("GitLab pipeline #61 did not finish within")
                .hasMessageContaining("(last status: manual)");
        gitlab.verify(1, postRequestedFor(urlEqualTo(PROJECT + "/pipelines/61/cancel")));
    }

    @Test
    void settingsAreChecked() {
        String provider = providerId.toString();
        target.checkSettings(Map.of("providerId", provider, "project", "group/sub/app", "ref", "release/1.x",
                "url", "https://app.example.com", "passVariables", "plain"));
        target.checkSettings(Map.of("providerId", provider, "project", "4242"));
        for (Map<String, String> invalid : List.of(Map.of("project", "group/app"),
                Map.of("providerId", "nope", "project", "group/app"),
                Map.of("providerId", provider),
                Map.of("providerId", provider, "project", "app"),
                Map.of("providerId", provider, "project", "group/../app"),
                Map.of("providerId", provider, "project", "group/app.git"),
                Map.of("providerId", provider, "project", "group/app", "ref", "main; rm -rf /"),
                Map.of("providerId", provider, "project", "group/app", "ref", "a..b"),
                Map.of("providerId", provider, "project", "group/app", "url", "javascript:alert(1)"),
                Map.of("providerId", provider, "project", "group/app", "passVariables", "some"),
                Map.of("providerId", provider, "project", "group/app", "script", "echo hi"))) {
            assertThatThrownBy(() -> target.checkSettings(invalid)).as("%s", invalid)
                    .isInstanceOf(InvalidTargetSettings.class);
        }
    }

    private DeploymentContext deployment(Map<String, String> settings, Map<String, String> environmentVariables) {
        return deployment(settings, environmentVariables, Set.of());
    }

    private DeploymentContext deployment(Map<String, String> settings, Map<String, String> environmentVariables,
            Set<String> secretKeys) {
        Map<String, String> all = new java.util.LinkedHashMap<>(settings);
        all.put("providerId", providerId.toString());
        all.put("project", "group/sub/app");
        TargetEnvironment environment = new TargetEnvironment(organizationId, UUID.randomUUID(), "app", environmentId,
                "production", all);
        return new DeploymentContext(UUID.randomUUID(), environment, "https://gitlab.example.com/group/sub/app.git",
                "main", COMMIT, Instant.now(), "", null, new BuildSettings(null, null, null, null, "node", null),
                environmentVariables, secretKeys, 1, "callback-token-test-only");
    }

    private Release release(DeploymentContext deployment) {
        return target.build(deployment, logs);
    }

    private void pipelineCreated(long id) {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).willReturn(created(id)));
    }

    /**
     * The body of {@code POST /projects/:id/pipeline} for the deployment: its ref and the variables array, the
     * environment's {@code passed} ones first, then AutoDeploy's.
     */
    private static String createBody(DeploymentContext deployment, String passed) {
        return """
                {"ref": "main", "variables": [%s
                  {"key": "AUTODEPLOY_DEPLOYMENT_ID", "value": "%s", "variable_type": "env_var"},
                  {"key": "AUTODEPLOY_COMMIT_SHA", "value": "%s", "variable_type": "env_var"},
                  {"key": "AUTODEPLOY_ENVIRONMENT", "value": "production", "variable_type": "env_var"}]}
                """.formatted(passed, deployment.deploymentId(), COMMIT);
    }

    /** GitLab's answer to a pipeline created: 201 with the pipeline. */
    private static ResponseDefinitionBuilder created(long id) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withBody(GitLabApiExamples.pipeline(id, "created"));
    }

    private void pipelineGoes(long id, String first, String last) {
        String scenario = "pipeline-" + UUID.randomUUID();
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/" + id)).inScenario(scenario)
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("later")
                .willReturn(okJson(GitLabApiExamples.pipeline(id, first))));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/" + id)).inScenario(scenario)
                .whenScenarioStateIs("later").willReturn(okJson(GitLabApiExamples.pipeline(id, last))));
    }

    private void jobsAre(long pipelineId, String... jobList) {
        gitlab.stubFor(get(urlPathEqualTo(PROJECT + "/pipelines/" + pipelineId + "/jobs"))
                .willReturn(okJson(GitLabApiExamples.jobs(jobList))));
    }
}
