package dev.autodeploy.deployer.target.gitlab;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCalls;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;
import dev.autodeploy.deployer.cicd.ProviderUnavailable;
import dev.autodeploy.deployer.target.LogSink;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@link GitLabClient} against a WireMock GitLab whose stubs follow GitLab's REST API v4 documentation (Pipelines,
 * Jobs and pipeline-trigger APIs): what it sends — paths with URL-encoded project paths, {@code PRIVATE-TOKEN},
 * the variables as GitLab expects them — and how it copes with GitLab failing (5xx retried, 429's Retry-After
 * waited, a circuit breaker per instance that opens and recovers).
 */
class GitLabClientTests {

    private static final String TOKEN = "glpat-test-only-7Hk2xQ9";
    private static final String PROJECT = "/api/v4/projects/group%2Fsub%2Fapp";

    @RegisterExtension
    static final WireMockExtension gitlab = WireMockExtension.newInstance()
            // GitLab behind nginx ignores the JDK client's h2c upgrade; Jetty would take it and reset POST bodies
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1").http2PlainDisabled(true))
            .build();

    private final CicdConnection connection = new CicdConnection(UUID.randomUUID(), UUID.randomUUID(), "gitlab-ci",
            "GitLab", URI.create(gitlab.baseUrl()), null, TOKEN, Map.of());

    private GitLabClient client() {
        return GitLabTestCalls.client(connection);
    }

    @Test
    void createsAPipelineOnTheRefWithTheVariablesArrayGitLabExpects() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipeline")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .withRequestBody(equalToJson("""
                        {"ref": "main", "variables": [
                          {"key": "AUTODEPLOY_DEPLOYMENT_ID", "value": "d-1", "variable_type": "env_var"},
                          {"key": "GREETING", "value": "hello world & more", "variable_type": "env_var"}]}
                        """))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(GitLabApiExamples.pipeline(61, "created"))));
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("AUTODEPLOY_DEPLOYMENT_ID", "d-1");
        variables.put("GREETING", "hello world & more");

        GitLabPipeline pipeline = client().createPipeline("group/sub/app", "main", variables);

        assertThat(pipeline.id()).isEqualTo(61);
        assertThat(pipeline.projectId()).isEqualTo(42);
        assertThat(pipeline.status()).isEqualTo("created");
        assertThat(pipeline.sha()).isEqualTo(GitLabApiExamples.SHA);
        assertThat(pipeline.webUrl()).isEqualTo("https://gitlab.example.com/group/sub/app/-/pipelines/61");
        assertThat(pipeline.finished()).isFalse();
    }

    @Test
    void aNumericProjectIdIsUsedAsItIs() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/projects/42/pipelines/61"))
                .willReturn(okJson(GitLabApiExamples.pipeline(61, "running"))));

        assertThat(client().pipeline("42", 61).status()).isEqualTo("running");
    }

    @Test
    void triggersWithTheTriggerTokenInTheFormBodyAndVariablesAsVariablesKeyFields() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/trigger/pipeline"))
                .withHeader("Content-Type", containing("application/x-www-form-urlencoded"))
                .withHeader("PRIVATE-TOKEN", absent())
                .withFormParam("token", equalTo("glptt-trigger-only-55"))
                .withFormParam("ref", equalTo("release/1.x"))
                .withFormParam("variables[AUTODEPLOY_ENVIRONMENT]", equalTo("production"))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody(GitLabApiExamples.pipeline(62, "pending"))));

        GitLabPipeline pipeline = client().triggerPipeline("group/sub/app", "glptt-trigger-only-55", "release/1.x",
                Map.of("AUTODEPLOY_ENVIRONMENT", "production"));

        assertThat(pipeline.id()).isEqualTo(62);
        gitlab.verify(postRequestedFor(urlPathEqualTo(PROJECT + "/trigger/pipeline"))
                .withQueryParam("token", absent()));
    }

    @Test
    void followsAPipelineStatusAcrossPolls() {
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("poll")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("running")
                .willReturn(okJson(GitLabApiExamples.pipeline(61, "pending"))));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("poll")
                .whenScenarioStateIs("running").willSetStateTo("done")
                .willReturn(okJson(GitLabApiExamples.pipeline(61, "running"))));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("poll")
                .whenScenarioStateIs("done").willReturn(okJson(GitLabApiExamples.pipeline(61, "success"))));
        GitLabClient client = client();

        List<String> seen = new ArrayList<>();
        for (int poll = 0; poll < 3; poll++) {
            seen.add(client.pipeline("group/sub/app", 61).status());
        }

        assertThat(seen).containsExactly("pending", "running", "success");
        gitlab.verify(3, getRequestedFor(urlEqualTo(PROJECT + "/pipelines/61"))
                .withHeader("PRIVATE-TOKEN", equalTo(TOKEN)));
    }

    @Test
    void listsJobsAcrossPages() {
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61/jobs?per_page=100&page=1"))
                .willReturn(okJson(GitLabApiExamples.jobs(GitLabApiExamples.job(7, "build", "build", "success", false)))
                        .withHeader("X-Next-Page", "2").withHeader("X-Page", "1")));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61/jobs?per_page=100&page=2"))
                .willReturn(okJson(GitLabApiExamples.jobs(
                        GitLabApiExamples.job(8, "deploy", "deploy", "failed", false)))
                        .withHeader("X-Next-Page", "").withHeader("X-Page", "2")));

        List<GitLabJob> jobs = client().jobs("group/sub/app", 61);

        assertThat(jobs).extracting(GitLabJob::name).containsExactly("build", "deploy");
        assertThat(jobs.get(1).status()).isEqualTo("failed");
        assertThat(jobs.get(1).finished()).isTrue();
    }

    @Test
    void jobLogsBecomeLinesIncrementallyWhenGitLabAnswersWithTheWholeLog() {
        String first = "\u001B[0KRunning with gitlab-runner 17.5.0\nsection_start:1733043373:step_script\r"
                + "\u001B[0K\u001B[36;1mExecuting step_script\u001B[0;m\nnpm run bu";
        String second = first + "ild\nBuild complete\n";
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).inScenario("log")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("grown")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(first)));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).inScenario("log")
                .whenScenarioStateIs("grown")
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody(second)));
        GitLabClient client = client();
        GitLabTraceFollower follower = new GitLabTraceFollower();
        List<String> lines = new ArrayList<>();
        LogSink logs = buildLines(lines);

        follower.poll(client, "group/sub/app", List.of(job("running")), logs);
        assertThat(lines).containsExactly("[build] Running with gitlab-runner 17.5.0", "[build] Executing step_script");

        follower.poll(client, "group/sub/app", List.of(job("running")), logs);
        follower.poll(client, "group/sub/app", List.of(job("success")), logs);

        assertThat(lines).containsExactly("[build] Running with gitlab-runner 17.5.0", "[build] Executing step_script",
                "[build] npm run build", "[build] Build complete");
        assertThat(follower.consumed(7)).isEqualTo(second.getBytes(StandardCharsets.UTF_8).length);
        // the second poll asked from where the first one's complete lines ended
        gitlab.verify(getRequestedFor(urlEqualTo(PROJECT + "/jobs/7/trace"))
                .withHeader("Range", equalTo("bytes=" + (first.lastIndexOf('\n') + 1) + "-")));
    }

    @Test
    void jobLogsAreAskedForFromTheirOffsetWhenGitLabHonoursRanges() {
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).withHeader("Range", equalTo("bytes=0-"))
                .willReturn(aResponse().withStatus(200).withBody("one\ntwo\n")));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).withHeader("Range", equalTo("bytes=8-"))
                .willReturn(aResponse().withStatus(206).withHeader("Content-Range", "bytes 8-13/14")
                        .withBody("three\n")));
        GitLabClient client = client();
        GitLabTraceFollower follower = new GitLabTraceFollower();
        List<String> lines = new ArrayList<>();
        LogSink logs = buildLines(lines);

        follower.poll(client, "group/sub/app", List.of(job("running")), logs);
        follower.poll(client, "group/sub/app", List.of(job("success")), logs);

        assertThat(lines).containsExactly("[build] one", "[build] two", "[build] three");
        assertThat(follower.consumed(7)).isEqualTo(14);
    }

    @Test
    void aJobLogGitLabCannotServeIsAskedForAgainAtTheNextPoll() {
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).inScenario("forbidden")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("allowed")
                .willReturn(aResponse().withStatus(403)));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/jobs/7/trace")).inScenario("forbidden")
                .whenScenarioStateIs("allowed").willReturn(aResponse().withStatus(200).withBody("built\n")));
        GitLabTraceFollower follower = new GitLabTraceFollower();
        List<String> lines = new ArrayList<>();
        LogSink logs = (level, source, message) -> lines.add(level + " " + message);

        follower.poll(client(), "group/sub/app", List.of(job("running")), logs);
        follower.poll(client(), "group/sub/app", List.of(job("success")), logs);

        assertThat(lines).containsExactly("info GitLab job 'build' (stage build) is running",
                "warn Could not read the log of GitLab job 'build' (HTTP 403); trying again",
                "info GitLab job 'build' (stage build) is success", "info [build] built");
    }

    @Test
    void cancelsAPipeline() {
        gitlab.stubFor(post(urlEqualTo(PROJECT + "/pipelines/61/cancel")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson(GitLabApiExamples.pipeline(61, "canceled"))));

        assertThat(client().cancel("group/sub/app", 61).status()).isEqualTo("canceled");
    }

    @Test
    void checksTheTokenWithTheCurrentUser() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/user")).withHeader("PRIVATE-TOKEN", equalTo(TOKEN))
                .willReturn(okJson(GitLabApiExamples.user())));

        assertThat(client().currentUser()).isEqualTo("deploy-bot");
    }

    @Test
    void aRefusedTokenIsNotRetriedAndItsMessageHoldsNoSecret() {
        gitlab.stubFor(get(urlEqualTo("/api/v4/user")).willReturn(aResponse().withStatus(401)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"401 Unauthorized\"}")));

        assertThatThrownBy(() -> client().currentUser()).isInstanceOf(ProviderCallException.class)
                .satisfies(ex -> assertThat(((ProviderCallException) ex).status()).isEqualTo(401))
                .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain(TOKEN));
        gitlab.verify(1, getRequestedFor(urlEqualTo("/api/v4/user")));
    }

    @Test
    void aServerErrorIsRetried() {
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(502)));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(okJson(GitLabApiExamples.pipeline(61, "running"))));

        assertThat(client().pipeline("group/sub/app", 61).status()).isEqualTo("running");
        gitlab.verify(2, getRequestedFor(urlEqualTo(PROJECT + "/pipelines/61")));
    }

    @Test
    void aRateLimitedCallWaitsForRetryAfter() {
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("allowed")
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")
                        .withHeader("RateLimit-Limit", "2000").withHeader("RateLimit-Remaining", "0")));
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).inScenario("limited")
                .whenScenarioStateIs("allowed").willReturn(okJson(GitLabApiExamples.pipeline(61, "running"))));

        long started = System.nanoTime();
        assertThat(client().pipeline("group/sub/app", 61).status()).isEqualTo("running");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        gitlab.verify(2, getRequestedFor(urlEqualTo(PROJECT + "/pipelines/61")));
    }

    @Test
    void theCircuitBreakerOpensOnFailuresAndRecoversThroughHalfOpen() {
        // opens when half of the last three calls failed, half-open after 300 ms
        ProviderCallsFixture fixture = new ProviderCallsFixture(3, 3, Duration.ofMillis(300));
        ProviderCalls calls = fixture.calls();
        GitLabClient client = GitLabTestCalls.clients(fixture).client(connection);
        String instance = connection.id().toString();
        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).willReturn(aResponse().withStatus(503)));

        // the first call's three attempts all fail, which opens the breaker; the next call does not reach GitLab
        assertThatThrownBy(() -> client.pipeline("group/sub/app", 61)).isInstanceOf(ProviderCallException.class)
                .isNotInstanceOf(ProviderUnavailable.class)
                .satisfies(ex -> assertThat(((ProviderCallException) ex).status()).isEqualTo(503));
        assertThat(calls.state(instance)).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> client.pipeline("group/sub/app", 61)).isInstanceOf(ProviderUnavailable.class);
        gitlab.verify(3, getRequestedFor(urlEqualTo(PROJECT + "/pipelines/61")));

        gitlab.stubFor(get(urlEqualTo(PROJECT + "/pipelines/61")).willReturn(okJson(
                GitLabApiExamples.pipeline(61, "success"))));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).ignoreExceptionsInstanceOf(
                ProviderUnavailable.class).until(() -> client.pipeline("group/sub/app", 61).status().equals("success"));
        // the half-open breaker let one call through, which worked: closed again, calls go through
        assertThat(calls.state(instance)).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(client.pipeline("group/sub/app", 61).status()).isEqualTo("success");
    }

    /** A log sink keeping the build output's lines. */
    private static LogSink buildLines(List<String> lines) {
        return (level, source, message) -> {
            if (source.equals("build")) {
                lines.add(message);
            }
        };
    }

    private static GitLabJob job(String status) {
        return new GitLabJob(7, "build", "build", status, false, "https://gitlab.example.com/group/sub/app/-/jobs/7");
    }
}
