package dev.autodeploy.deployer.target.github;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdConnections;
import dev.autodeploy.deployer.cicd.CicdJob;
import dev.autodeploy.deployer.cicd.CicdJobs;
import dev.autodeploy.deployer.cicd.CicdRun;
import dev.autodeploy.deployer.cicd.CicdRuns;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCallProperties;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;
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
import dev.autodeploy.testsupport.Contracts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.springframework.beans.factory.ObjectProvider;
import tools.jackson.databind.node.ObjectNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.when;

/**
 * The github-actions target against a WireMock GitHub whose answers are built from the contract's own examples
 * ({@code shared/contracts/github-rest.slice.json}); after each test every request the client sent, with the
 * answer it parsed, is validated against that contract, so a client drifting from GitHub's API fails here.
 */
class GitHubActionsDeployTargetTests {

    private static final String TOKEN = "ghp_test-token-" + UUID.randomUUID();
    private static final String REPOSITORY = "octo-org/octo-repo";
    private static final String RUNS = "/repos/octo-org/octo-repo/actions/runs";
    private static final String DISPATCH = "/repos/octo-org/octo-repo/actions/workflows/deploy.yml/dispatches";

    private final WireMockServer github = new WireMockServer(0);
    private final Map<UUID, CicdRun> recorded = new ConcurrentHashMap<>();
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final LogSink logs = (level, source, message) -> lines.add(level + " " + source + " " + message);
    private CicdConnection connection;
    private GitHubActionsClient client;
    private GitHubActionsDeployTarget target;
    private UUID organizationId;
    private UUID environmentId;

    @BeforeEach
    void gitHub() {
        github.start();
        organizationId = UUID.randomUUID();
        environmentId = UUID.randomUUID();
        connection = new CicdConnection(UUID.randomUUID(), organizationId, "github-actions", "gh",
                URI.create(github.baseUrl()), null, TOKEN, Map.of());
        GitHubActionsProperties properties = new GitHubActionsProperties(URI.create("https://api.github.com"),
                Duration.ofMillis(50), Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(3),
                Duration.ofSeconds(5), 100);
        ProviderCallsFixture fixture = new ProviderCallsFixture(3, 20, Duration.ofSeconds(1));
        client = new GitHubActionsClient(fixture.restClients(), fixture.calls(), properties,
                new ProviderCallProperties(Duration.ofSeconds(2), Duration.ofSeconds(5), 3, Duration.ofMillis(20), 2.0,
                        Duration.ofMillis(200), Duration.ofSeconds(5)));
        CicdConnections connections = Mockito.mock(CicdConnections.class);
        try {
            when(connections.require(connection.id(), organizationId, "github-actions")).thenReturn(connection);
        }
        catch (DeployFailure impossible) {
            throw new IllegalStateException(impossible);
        }
        CicdJobs jobs = Mockito.mock(CicdJobs.class);
        UUID jobId = UUID.randomUUID();
        when(jobs.find(any(), any())).thenReturn(Optional.empty());
        when(jobs.save(any(), any(), any(), anyString(), anyString(), any())).thenAnswer(call -> new CicdJob(jobId,
                call.getArgument(0), call.getArgument(1), call.getArgument(2), call.getArgument(3),
                call.getArgument(4), call.getArgument(5)));
        target = new GitHubActionsDeployTarget(client, connections, jobs, runs(), lookup(), properties,
                new FollowedRuns(), Clock.systemUTC());
    }

    @AfterEach
    void everyGitHubCallFollowedTheContract() {
        GitHubStubs.assertExchangesFollowedTheContract(github, TOKEN);
        assertThat(lines).noneMatch(line -> line.contains(TOKEN));
        github.stop();
    }

    @Test
    void dispatchFindsTheRunItStartedAndFollowsItToSuccess() throws Exception {
        DeploymentContext deployment = deployment(settings());
        github.stubFor(WireMock.post(DISPATCH).willReturn(aResponse().withStatus(204)));
        ObjectNode other = GitHubStubs.run(1001, "queued", null).put("display_title", "someone else's run")
                .put("created_at", Instant.now().minusSeconds(600).toString());
        ObjectNode ours = GitHubStubs.run(1002, "queued", null).put("display_title", "Deploy " + deployment.deploymentId());
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS)).willReturn(okJson(GitHubStubs.runs(other, ours).toString())));
        stubRunSequence(1002, GitHubStubs.run(1002, "in_progress", null), GitHubStubs.run(1002, "completed", "success"));
        github.stubFor(WireMock.get(RUNS + "/1002/jobs?filter=latest&per_page=100")
                .willReturn(okJson(GitHubStubs.jobs(1002, 77, "completed", "success").toString())));
        stubLog(77, "2026-12-02T00:00:01.0000000Z ##[group]Run npm ci\n"
                + "2026-12-02T00:00:02.0000000Z added 120 packages\n"
                + "2026-12-02T00:00:03.0000000Z ##[error]one warning treated as error\n");

        Deployed deployed = target.deploy(deployment, release(deployment), logs);

        assertThat(deployed.url()).isEqualTo("https://app.example.com");
        assertThat(deployed.attributes()).containsEntry("runId", "1002");
        assertThat(recorded.get(deployment.deploymentId()).externalId()).isEqualTo("1002");
        assertThat(recorded.get(deployment.deploymentId()).externalStatus()).isEqualTo("success");
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCH)).withRequestBody(equalToJson("""
                {"ref": "main", "return_run_details": true, "inputs": {"deployment_id": "%s",
                 "environment": "production", "commit_sha": "%s"}}""".formatted(deployment.deploymentId(),
                deployment.commitSha()))));
        github.verify(getRequestedFor(urlPathEqualTo(RUNS)).withQueryParam("event", equalTo("workflow_dispatch"))
                .withQueryParam("branch", equalTo("main")));
        assertThat(lines).contains("info build build › Set up job: success", "info build [build] Run npm ci",
                "info build [build] added 120 packages", "error build [build] one warning treated as error");
        assertThat(lines).anyMatch(line -> line.contains("Workflow run 1002 is in progress"));
    }

    @Test
    void runDetailsOfTheDispatchAreUsedWithoutListingRuns() throws Exception {
        DeploymentContext deployment = deployment(settings());
        github.stubFor(WireMock.post(DISPATCH).willReturn(okJson(
                Contracts.example(Contracts.GITHUB_REST, "workflow-dispatch-response").toString())));
        stubRunSequence(1, GitHubStubs.run(1, "completed", "success"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/1/jobs")).willReturn(okJson(GitHubStubs.jobs(1, 5, "completed",
                "success").toString())));
        stubLog(5, "done\n");

        assertThat(target.deploy(deployment, release(deployment), logs).attributes()).containsEntry("runId", "1");

        github.verify(0, getRequestedFor(urlPathEqualTo(RUNS)));
        assertThat(recorded.get(deployment.deploymentId()).externalUrl())
                .isEqualTo("https://github.com/octo-org/octo-repo/actions/runs/1");
    }

    @Test
    void aFailedRunFailsTheDeploymentWithItsConclusion() {
        DeploymentContext deployment = deployment(settings());
        dispatchReturnsRun(2001);
        stubRunSequence(2001, GitHubStubs.run(2001, "completed", "failure"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/2001/jobs")).willReturn(okJson(GitHubStubs.jobs(2001, 9,
                "completed", "failure").toString())));
        stubLog(9, "Error: tests failed\n");

        assertThatThrownBy(() -> target.deploy(deployment, release(deployment), logs))
                .isInstanceOfSatisfying(DeployFailure.class, failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.cancelled()).isFalse();
                    assertThat(failure.getMessage()).contains("2001", "ended failure");
                });
        assertThat(lines).contains("info build [build] Error: tests failed");
    }

    @Test
    void cancellingCancelsTheRunOnGitHubAndEndsTheDeployment() throws Exception {
        DeploymentContext deployment = deployment(settings());
        dispatchReturnsRun(3001);
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/3001")).inScenario("cancel")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(okJson(GitHubStubs.run(3001, "in_progress", null).toString())));
        github.stubFor(WireMock.post(RUNS + "/3001/cancel").inScenario("cancel")
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}"))
                .willSetStateTo("cancelled"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/3001")).inScenario("cancel")
                .whenScenarioStateIs("cancelled").willReturn(okJson(GitHubStubs.run(3001, "completed", "cancelled").toString())));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/3001/jobs")).willReturn(okJson(GitHubStubs.jobs(3001, 11,
                "in_progress", null).toString())));

        CompletableFuture<Object> deploying = CompletableFuture.supplyAsync(() -> {
            try {
                return target.deploy(deployment, release(deployment), logs);
            }
            catch (DeployFailure failure) {
                return failure;
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> lines.stream().anyMatch(l -> l.contains("in progress")));
        target.cancel(deployment.deploymentId());

        Object outcome = deploying.get();
        assertThat(outcome).isInstanceOfSatisfying(DeployFailure.class,
                failure -> assertThat(failure.cancelled()).isTrue());
        github.verify(1, postRequestedFor(urlPathEqualTo(RUNS + "/3001/cancel")));
        assertThat(lines).anyMatch(line -> line.contains("Workflow run 3001 stopped"));
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        DeploymentContext deployment = deployment(settings());
        dispatchReturnsRun(4001);
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/4001")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withStatus(502))
                .willSetStateTo("recovered"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/4001")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(okJson(GitHubStubs.run(4001, "completed", "success").toString())));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/4001/jobs")).willReturn(okJson(
                "{\"total_count\": 0, \"jobs\": []}")));

        assertThat(target.deploy(deployment, release(deployment), logs).attributes()).containsEntry("runId", "4001");
        github.verify(2, getRequestedFor(urlPathEqualTo(RUNS + "/4001")));
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsRetryAfterSays() throws Exception {
        DeploymentContext deployment = deployment(settings());
        github.stubFor(WireMock.post(DISPATCH).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\": \"You have exceeded a secondary rate limit\"}"))
                .willSetStateTo("allowed"));
        github.stubFor(WireMock.post(DISPATCH).inScenario("limited").whenScenarioStateIs("allowed")
                .willReturn(okJson(GitHubStubs.dispatched(5001).toString())));
        stubRunSequence(5001, GitHubStubs.run(5001, "completed", "success"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/5001/jobs")).willReturn(okJson(
                "{\"total_count\": 0, \"jobs\": []}")));

        Instant started = Instant.now();
        target.deploy(deployment, release(deployment), logs);

        List<ServeEvent> dispatches = github.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals(DISPATCH)).toList();
        assertThat(dispatches).hasSize(2);
        assertThat(Duration.between(dispatches.getLast().getRequest().getLoggedDate().toInstant(),
                dispatches.getFirst().getRequest().getLoggedDate().toInstant()).abs())
                .isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }

    @Test
    void anExhaustedPrimaryRateLimitIsRetriedAfterItsReset() {
        org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        headers.add("x-ratelimit-remaining", "0");
        headers.add("x-ratelimit-reset", String.valueOf(now.plusSeconds(42).getEpochSecond()));
        assertThat(GitHubActionsClient.retryAfter(headers, now)).isEqualTo(Duration.ofSeconds(42));
        headers.set("x-ratelimit-remaining", "17");
        assertThat(GitHubActionsClient.retryAfter(headers, now)).isNull();
    }

    @Test
    void aForbiddenThatIsNoRateLimitIsNotRetried() {
        DeploymentContext deployment = deployment(settings());
        github.stubFor(WireMock.post(DISPATCH).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "4999").withHeader("Content-Type", "application/json")
                .withBody("{\"message\": \"Resource not accessible by personal access token\"}")));

        assertThatThrownBy(() -> target.deploy(deployment, release(deployment), logs))
                .isInstanceOfSatisfying(DeployFailure.class, failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("403");
                });
        github.verify(1, postRequestedFor(urlPathEqualTo(DISPATCH)));
    }

    @Test
    void aResumedDeploymentFollowsItsRecordedRunWithoutDispatchingAgain() throws Exception {
        DeploymentContext deployment = deployment(settings());
        recorded.put(deployment.deploymentId(), new CicdRun(deployment.deploymentId(), UUID.randomUUID(), "6001",
                "https://github.com/octo-org/octo-repo/actions/runs/6001", "in_progress"));
        stubRunSequence(6001, GitHubStubs.run(6001, "completed", "success"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/6001/jobs")).willReturn(okJson(
                "{\"total_count\": 0, \"jobs\": []}")));

        assertThat(target.deploy(deployment, release(deployment), logs).attributes()).containsEntry("runId", "6001");
        github.verify(0, postRequestedFor(urlPathMatching(".*/dispatches")));
    }

    @Test
    void aDispatchWhoseRunWasNotRecordedBeforeACrashIsFoundNotRepeated() throws Exception {
        DeploymentContext deployment = deployment(settings());
        recorded.put(deployment.deploymentId(), new CicdRun(deployment.deploymentId(), UUID.randomUUID(), null,
                null, "dispatching"));
        ObjectNode ours = GitHubStubs.run(7001, "in_progress", null).put("display_title", "Deploy " + deployment.deploymentId());
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS)).willReturn(okJson(GitHubStubs.runs(ours).toString())));
        stubRunSequence(7001, GitHubStubs.run(7001, "completed", "success"));
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS + "/7001/jobs")).willReturn(okJson(
                "{\"total_count\": 0, \"jobs\": []}")));

        target.deploy(deployment, release(deployment), logs);

        github.verify(0, postRequestedFor(urlPathMatching(".*/dispatches")));
        assertThat(recorded.get(deployment.deploymentId()).externalId()).isEqualTo("7001");
    }

    @Test
    void aRecoveredDispatchTakesNoRunThatNeitherNamesTheDeploymentNorRunsItsCommit() {
        DeploymentContext deployment = deployment(settings());
        recorded.put(deployment.deploymentId(), new CicdRun(deployment.deploymentId(), UUID.randomUUID(), null,
                null, "dispatching"));
        ObjectNode someoneElses = GitHubStubs.run(8001, "in_progress", null).put("display_title", "manual run")
                .put("head_sha", "0123456789abcdef0123456789abcdef01234567");
        github.stubFor(WireMock.get(urlPathEqualTo(RUNS)).willReturn(okJson(GitHubStubs.runs(someoneElses).toString())));

        assertThatThrownBy(() -> target.deploy(deployment, release(deployment), logs))
                .isInstanceOfSatisfying(DeployFailure.class, failure -> {
                    assertThat(failure.retryable()).isFalse();
                    assertThat(failure.getMessage()).contains("no run of it appeared");
                });
        github.verify(0, postRequestedFor(urlPathMatching(".*/dispatches")));
        github.verify(0, getRequestedFor(urlPathEqualTo(RUNS + "/8001")));
    }

    @Test
    void theConnectionTestAsksWhoTheTokenIs() {
        ObjectNode user = (ObjectNode) Contracts.example(Contracts.GITHUB_REST,
                "private-user-response-with-public-and-private-profile-information");
        github.stubFor(WireMock.get("/user").willReturn(okJson(user.put("user_view_type", "private").toString())));
        new GitHubActionsProviderType(client).testConnection(connection);
        github.verify(1, getRequestedFor(urlPathEqualTo("/user")));

        github.stubFor(WireMock.get("/user").willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\": \"Bad credentials\"}")));
        assertThatThrownBy(() -> new GitHubActionsProviderType(client).testConnection(connection))
                .isInstanceOf(ProviderCallException.class).hasMessageNotContaining(TOKEN);
    }

    @Test
    void settingsAreCheckedBeforeTheyAreStored() {
        Map<String, String> good = settings();
        target.checkSettings(good);
        assertThatThrownBy(() -> target.checkSettings(with(good, "repository", "octo-org/../etc")))
                .isInstanceOf(InvalidTargetSettings.class);
        assertThatThrownBy(() -> target.checkSettings(with(good, "repository", "not a repo")))
                .isInstanceOf(InvalidTargetSettings.class).hasMessageContaining("owner/name");
        assertThatThrownBy(() -> target.checkSettings(with(good, "workflow", "../../evil.yml")))
                .isInstanceOf(InvalidTargetSettings.class).hasMessageContaining("workflow");
        assertThatThrownBy(() -> target.checkSettings(with(good, "ref", "main..x")))
                .isInstanceOf(InvalidTargetSettings.class);
        assertThatThrownBy(() -> target.checkSettings(with(good, "url", "javascript:alert(1)")))
                .isInstanceOf(InvalidTargetSettings.class);
        assertThatThrownBy(() -> target.checkSettings(with(good, "script", "rm -rf /")))
                .isInstanceOf(InvalidTargetSettings.class).hasMessageContaining("Unknown setting 'script'");
        assertThatThrownBy(() -> target.checkSettings(with(good, "providerId", "")))
                .isInstanceOf(InvalidTargetSettings.class).hasMessageContaining("providerId");
        target.checkSettings(with(good, "workflow", "123456"));
    }

    // ------------------------------------------------------------------ stubs from the contract

    private void dispatchReturnsRun(long runId) {
        github.stubFor(WireMock.post(DISPATCH).willReturn(okJson(GitHubStubs.dispatched(runId).toString())));
    }

    /** The run answers each state in turn, the last one from then on. */
    private void stubRunSequence(long runId, ObjectNode... states) {
        String scenario = "run-" + runId;
        for (int i = 0; i < states.length; i++) {
            var stub = WireMock.get(urlPathEqualTo(RUNS + "/" + runId)).inScenario(scenario)
                    .whenScenarioStateIs(i == 0 ? Scenario.STARTED : "state-" + i)
                    .willReturn(okJson(states[i].toString()));
            if (i + 1 < states.length) {
                stub = stub.willSetStateTo("state-" + (i + 1));
            }
            github.stubFor(stub);
        }
    }

    private void stubLog(long jobId, String text) {
        github.stubFor(WireMock.get("/repos/octo-org/octo-repo/actions/jobs/" + jobId + "/logs").willReturn(
                aResponse().withStatus(302).withHeader("Location", github.baseUrl() + "/signed/" + jobId
                        + "?sig=abc")));
        github.stubFor(WireMock.get(urlPathEqualTo("/signed/" + jobId)).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/plain").withBody(text)));
    }

    // ------------------------------------------------------------------ deployments

    private Map<String, String> settings() {
        return Map.of("providerId", connection.id().toString(), "repository", REPOSITORY, "workflow", "deploy.yml",
                "url", "https://app.example.com");
    }

    private static Map<String, String> with(Map<String, String> settings, String key, String value) {
        Map<String, String> changed = new java.util.HashMap<>(settings);
        changed.put(key, value);
        return changed;
    }

    private DeploymentContext deployment(Map<String, String> settings) {
        TargetEnvironment environment = new TargetEnvironment(organizationId, UUID.randomUUID(), "app", environmentId,
                "production", settings);
        return new DeploymentContext(UUID.randomUUID(), environment, "https://github.com/octo-org/octo-repo.git",
                "main", "acb5820ced9479c074f688cc328bf03f341a511d", Instant.now(), "", null,
                BuildSettings.of(Map.of()), Map.of("SECRET", "s3cret"), java.util.Set.of("SECRET"), 1,
                "callback-token");
    }

    private Release release(DeploymentContext deployment) throws DeployFailure {
        return target.build(deployment, logs);
    }

    private CicdRuns runs() {
        CicdRuns runs = Mockito.mock(CicdRuns.class);
        Mockito.doAnswer(call -> {
            UUID id = call.getArgument(0);
            recorded.put(id, new CicdRun(id, call.getArgument(1), call.getArgument(2), call.getArgument(3),
                    call.getArgument(4)));
            return null;
        }).when(runs).record(any(), any(), any(), any(), any());
        when(runs.find(any())).thenAnswer(call -> Optional.ofNullable(recorded.get(call.<UUID>getArgument(0))));
        when(runs.findByExternal(anyString(), anyString())).thenAnswer(call -> recorded.values().stream()
                .filter(run -> call.getArgument(1).equals(run.externalId())).findFirst());
        Mockito.doAnswer(call -> {
            recorded.computeIfPresent(call.getArgument(0), (id, run) -> new CicdRun(id, run.jobId(), run.externalId(),
                    run.externalUrl(), call.getArgument(1)));
            return null;
        }).when(runs).status(any(), any());
        return runs;
    }

    @SuppressWarnings("unchecked")
    private static ObjectProvider<DeploymentLookup> lookup() {
        ObjectProvider<DeploymentLookup> provider = Mockito.mock(ObjectProvider.class);
        when(provider.getObject()).thenReturn(Mockito.mock(DeploymentLookup.class));
        return provider;
    }
}
