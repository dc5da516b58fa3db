package dev.autodeploy.deployer.target.jenkins;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import dev.autodeploy.deployer.cicd.ProviderCallsFixture;
import dev.autodeploy.deployer.cicd.ProviderUnavailable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The Jenkins client against WireMock stubs built from contracts/jenkins-remote-api.json: paths, the crumb header
 * and session cookie, the queue item's Location, X-Text-Size / X-More-Data, and status codes.
 */
class JenkinsClientTests {

    @RegisterExtension
    static WireMockExtension jenkins = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort())
            .build();

    private static final String CRUMB_JSON = """
            {"_class":"hudson.security.csrf.DefaultCrumbIssuer","crumb":"%s","crumbRequestField":"Jenkins-Crumb"}""";

    private final CicdConnection connection = new CicdConnection(UUID.randomUUID(), UUID.randomUUID(), "jenkins",
            "ci", URI.create(jenkins.baseUrl()), "deployer", "api-token-1234", Map.of());
    private final JobPath job = JobPath.of("team/apps", "shop-production");

    private JenkinsClient client(int maxAttempts, int breakerWindow, Duration openFor) {
        ProviderCallsFixture fixture = new ProviderCallsFixture(maxAttempts, breakerWindow, openFor);
        return new JenkinsClient(fixture.restClients(), fixture.calls(), Clock.systemUTC());
    }

    private JenkinsClient client() {
        return client(3, 100, Duration.ofSeconds(30));
    }

    /** Jenkins answers these POSTs with a redirect to a page. */
    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder redirect() {
        jenkins.stubFor(get("/").willReturn(aResponse().withStatus(200).withBody("<html>Dashboard</html>")));
        return aResponse().withStatus(302).withHeader("Location", jenkins.baseUrl() + "/");
    }

    private static void crumb(String value) {
        jenkins.stubFor(get("/crumbIssuer/api/json").willReturn(okJson(CRUMB_JSON.formatted(value))
                .withHeader("Set-Cookie", "JSESSIONID.abc=session-" + value + "; Path=/; HttpOnly")));
    }

    @Test
    void connectionTestReadsTheVersionWithBasicAuth() {
        jenkins.stubFor(get("/api/json").willReturn(okJson("{\"mode\":\"NORMAL\",\"jobs\":[]}")
                .withHeader("X-Jenkins", "2.479.1")));

        assertThat(client().version(connection)).isEqualTo("2.479.1");
        jenkins.verify(getRequestedFor(urlPathEqualTo("/api/json")).withBasicAuth(
                new com.github.tomakehurst.wiremock.client.BasicCredentials("deployer", "api-token-1234")));
    }

    @Test
    void aServerWithoutTheJenkinsHeaderIsNotTakenForJenkins() {
        jenkins.stubFor(get("/api/json").willReturn(okJson("{}")));

        assertThatThrownBy(() -> client().version(connection)).isInstanceOf(ProviderCallException.class)
                .hasMessageContaining("not as a Jenkins");
    }

    @Test
    void foldersAndJobAreCreatedWithTheCrumbAndItsSession() {
        crumb("c1");
        jenkins.stubFor(get(urlPathEqualTo("/job/team/api/json")).willReturn(aResponse().withStatus(404)));
        jenkins.stubFor(get(urlPathEqualTo("/job/team/job/apps/api/json")).willReturn(aResponse().withStatus(404)));
        jenkins.stubFor(get(urlPathEqualTo("/job/team/job/apps/job/shop-production/api/json"))
                .willReturn(aResponse().withStatus(404)));
        jenkins.stubFor(post(urlPathEqualTo("/createItem")).willReturn(aResponse().withStatus(200)));
        jenkins.stubFor(post(urlPathEqualTo("/job/team/createItem")).willReturn(aResponse().withStatus(200)));
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/createItem")).willReturn(aResponse().withStatus(200)));
        JenkinsClient client = client();

        client.ensureFolders(connection, job);
        client.saveJob(connection, job, "<flow-definition/>");

        jenkins.verify(postRequestedFor(urlPathEqualTo("/createItem")).withQueryParam("name", equalTo("team"))
                .withQueryParam("mode", equalTo(JenkinsClient.FOLDER_MODE))
                .withHeader("Content-Type", WireMock.containing("application/xml"))
                .withHeader("Jenkins-Crumb", equalTo("c1")).withHeader("Cookie", equalTo("JSESSIONID.abc=session-c1")));
        jenkins.verify(postRequestedFor(urlPathEqualTo("/job/team/createItem")).withQueryParam("name", equalTo("apps"))
                .withQueryParam("mode", equalTo(JenkinsClient.FOLDER_MODE)));
        jenkins.verify(postRequestedFor(urlPathEqualTo("/job/team/job/apps/createItem"))
                .withQueryParam("name", equalTo("shop-production")).withQueryParam("mode", absent())
                .withRequestBody(equalTo("<flow-definition/>")).withHeader("Jenkins-Crumb", equalTo("c1")));
        // one crumb for the whole session
        jenkins.verify(1, getRequestedFor(urlPathEqualTo("/crumbIssuer/api/json")));
    }

    @Test
    void existingFoldersAreKeptAndAnExistingJobIsUpdated() {
        crumb("c1");
        jenkins.stubFor(get(urlPathEqualTo("/job/team/api/json")).willReturn(okJson("{\"name\":\"team\"}")));
        jenkins.stubFor(get(urlPathEqualTo("/job/team/job/apps/api/json")).willReturn(okJson("{\"name\":\"apps\"}")));
        jenkins.stubFor(get(urlPathEqualTo("/job/team/job/apps/job/shop-production/api/json"))
                .willReturn(okJson("{\"name\":\"shop-production\"}")));
        jenkins.stubFor(post("/job/team/job/apps/job/shop-production/config.xml").willReturn(aResponse().withStatus(200)));
        JenkinsClient client = client();

        client.ensureFolders(connection, job);
        client.saveJob(connection, job, "<flow-definition>v2</flow-definition>");

        jenkins.verify(0, postRequestedFor(WireMock.urlPathMatching(".*/createItem")));
        jenkins.verify(postRequestedFor(urlPathEqualTo("/job/team/job/apps/job/shop-production/config.xml"))
                .withRequestBody(equalTo("<flow-definition>v2</flow-definition>")));
    }

    @Test
    void aRefusedCrumbIsFetchedAgainAndTheRequestSentOnceMore() {
        jenkins.stubFor(get("/crumbIssuer/api/json").inScenario("crumb").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(CRUMB_JSON.formatted("old"))).willSetStateTo("renewed"));
        jenkins.stubFor(get("/crumbIssuer/api/json").inScenario("crumb").whenScenarioStateIs("renewed")
                .willReturn(okJson(CRUMB_JSON.formatted("new"))
                        .withHeader("Set-Cookie", "JSESSIONID.abc=fresh; Path=/")));
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/stop"))
                .withHeader("Jenkins-Crumb", equalTo("old"))
                .willReturn(aResponse().withStatus(403).withBody("<html>Error 403 No valid crumb was included in the "
                        + "request</html>")));
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/7/stop"))
                .withHeader("Jenkins-Crumb", equalTo("old"))
                .willReturn(aResponse().withStatus(403).withBody("<html>Error 403 No valid crumb was included in the "
                        + "request</html>")));
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/7/stop"))
                .withHeader("Jenkins-Crumb", equalTo("new")).withHeader("Cookie", equalTo("JSESSIONID.abc=fresh"))
                .willReturn(redirect()));

        client().stop(connection, job, 7);

        jenkins.verify(2, getRequestedFor(urlPathEqualTo("/crumbIssuer/api/json")));
        jenkins.verify(2, postRequestedFor(urlPathEqualTo("/job/team/job/apps/job/shop-production/7/stop")));
    }

    @Test
    void aForbiddenRequestThatIsNotAboutTheCrumbFails() {
        crumb("c1");
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/7/stop"))
                .willReturn(aResponse().withStatus(403).withBody("deployer is missing the Job/Cancel permission")));

        assertThatThrownBy(() -> client().stop(connection, job, 7)).isInstanceOf(ProviderCallException.class)
                .satisfies(failure -> assertThat(((ProviderCallException) failure).status()).isEqualTo(403))
                .hasMessageNotContaining("Job/Cancel");
        jenkins.verify(1, getRequestedFor(urlPathEqualTo("/crumbIssuer/api/json")));
    }

    @Test
    void withoutCsrfProtectionRequestsGoWithoutACrumb() {
        jenkins.stubFor(get("/crumbIssuer/api/json").willReturn(aResponse().withStatus(404)));
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/doDelete"))
                .willReturn(redirect()));

        client().deleteJob(connection, job);

        jenkins.verify(postRequestedFor(urlPathEqualTo("/job/team/job/apps/job/shop-production/doDelete"))
                .withHeader("Jenkins-Crumb", absent()));
    }

    @Test
    void deletingAJobThatIsGoneIsFine() {
        crumb("c1");
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/doDelete"))
                .willReturn(aResponse().withStatus(404)));

        client().deleteJob(connection, job);
    }

    @Test
    void aTriggeredBuildIsFollowedFromItsQueueItemToItsNumber() {
        crumb("c1");
        jenkins.stubFor(post(urlPathEqualTo("/job/team/job/apps/job/shop-production/buildWithParameters"))
                .willReturn(aResponse().withStatus(201).withHeader("Location", jenkins.baseUrl() + "/queue/item/314/")));
        jenkins.stubFor(get("/queue/item/314/api/json").inScenario("queue").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("""
                        {"_class":"hudson.model.Queue$WaitingItem","id":314,"why":"In the quiet period. Expires in 4.9 sec","cancelled":false}""")).willSetStateTo("left"));
        jenkins.stubFor(get("/queue/item/314/api/json").inScenario("queue").whenScenarioStateIs("left")
                .willReturn(okJson("""
                        {"_class":"hudson.model.Queue$LeftItem","id":314,"cancelled":false,"executable":{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowRun","number":42,"url":"%s/job/team/job/apps/job/shop-production/42/"}}"""
                        .formatted(jenkins.baseUrl()))));
        JenkinsClient client = client();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("COMMIT_SHA", "0123456789abcdef0123456789abcdef01234567");
        parameters.put("AUTODEPLOY_CALLBACK_TOKEN", "secret token & more");

        long queueItem = client.trigger(connection, job, parameters);
        JenkinsClient.QueueItem waiting = client.queueItem(connection, queueItem).orElseThrow();
        JenkinsClient.QueueItem started = client.queueItem(connection, queueItem).orElseThrow();

        assertThat(queueItem).isEqualTo(314);
        assertThat(waiting.buildNumber()).isNull();
        assertThat(waiting.why()).startsWith("In the quiet period");
        assertThat(started.buildNumber()).isEqualTo(42);
        assertThat(started.buildUrl()).endsWith("/job/team/job/apps/job/shop-production/42/");
        // parameters in the form body, not the URL (the token would end up in access logs)
        jenkins.verify(postRequestedFor(urlPathEqualTo("/job/team/job/apps/job/shop-production/buildWithParameters"))
                .withHeader("Jenkins-Crumb", equalTo("c1"))
                .withFormParam("COMMIT_SHA", equalTo("0123456789abcdef0123456789abcdef01234567"))
                .withFormParam("AUTODEPLOY_CALLBACK_TOKEN", equalTo("secret token & more"))
                .withQueryParam("AUTODEPLOY_CALLBACK_TOKEN", absent()));
    }

    @Test
    void cancelledAndExpiredQueueItemsAreTold() {
        jenkins.stubFor(get("/queue/item/5/api/json").willReturn(okJson("""
                {"_class":"hudson.model.Queue$LeftItem","id":5,"cancelled":true}""")));
        jenkins.stubFor(get("/queue/item/6/api/json").willReturn(aResponse().withStatus(404)));
        crumb("c1");
        jenkins.stubFor(post(urlPathEqualTo("/queue/cancelItem")).willReturn(redirect()));
        JenkinsClient client = client();

        assertThat(client.queueItem(connection, 5).orElseThrow().cancelled()).isTrue();
        assertThat(client.queueItem(connection, 6)).isEmpty();
        client.cancelQueueItem(connection, 5);
        jenkins.verify(postRequestedFor(urlPathEqualTo("/queue/cancelItem")).withQueryParam("id", equalTo("5")));
    }

    @Test
    void buildStatusIsReadWhileRunningAndAtTheEnd() {
        String path = "/job/team/job/apps/job/shop-production/42/api/json";
        jenkins.stubFor(get(urlPathEqualTo(path)).inScenario("build").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson("{\"number\":42,\"building\":true,\"result\":null,\"url\":\"u\"}"))
                .willSetStateTo("done"));
        jenkins.stubFor(get(urlPathEqualTo(path)).inScenario("build").whenScenarioStateIs("done")
                .willReturn(okJson("{\"number\":42,\"building\":false,\"result\":\"FAILURE\",\"url\":\"u\"}")));
        JenkinsClient client = client();

        assertThat(client.build(connection, job, 42)).isEqualTo(new JenkinsClient.Build(42, true, null, "u"));
        assertThat(client.build(connection, job, 42)).isEqualTo(new JenkinsClient.Build(42, false, "FAILURE", "u"));
    }

    @Test
    void theProgressiveLogIsReadInChunksUntilNoMoreData() {
        String path = "/job/team/job/apps/job/shop-production/42/logText/progressiveText";
        jenkins.stubFor(get(urlPathEqualTo(path)).withQueryParam("start", equalTo("0")).willReturn(aResponse()
                .withStatus(200).withHeader("X-Text-Size", "20").withHeader("X-More-Data", "true")
                .withBody("Started by user\nHal")));
        jenkins.stubFor(get(urlPathEqualTo(path)).withQueryParam("start", equalTo("20")).willReturn(aResponse()
                .withStatus(200).withHeader("X-Text-Size", "62").withHeader("X-More-Data", "true")
                .withBody("f a line\n\u001B[8mha:////4LSIAAAAAAAA\u001B[0m[Pipeline] stage\n")));
        jenkins.stubFor(get(urlPathEqualTo(path)).withQueryParam("start", equalTo("62")).willReturn(aResponse()
                .withStatus(200).withHeader("X-Text-Size", "80").withBody("Finished: SUCCESS\n")));
        JenkinsClient client = client();

        JenkinsClient.LogChunk first = client.log(connection, job, 42, 0);
        JenkinsClient.LogChunk second = client.log(connection, job, 42, first.next());
        JenkinsClient.LogChunk last = client.log(connection, job, 42, second.next());

        assertThat(first).isEqualTo(new JenkinsClient.LogChunk("Started by user\nHal", 20, true));
        assertThat(second).isEqualTo(new JenkinsClient.LogChunk("f a line\n[Pipeline] stage\n", 62, true));
        assertThat(last).isEqualTo(new JenkinsClient.LogChunk("Finished: SUCCESS\n", 80, false));
    }

    @Test
    void serverErrorsAreRetried() {
        jenkins.stubFor(get("/api/json").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("second"));
        jenkins.stubFor(get("/api/json").inScenario("flaky").whenScenarioStateIs("second")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        jenkins.stubFor(get("/api/json").inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{}").withHeader("X-Jenkins", "2.479.1")));

        assertThat(client().version(connection)).isEqualTo("2.479.1");
        jenkins.verify(3, getRequestedFor(urlPathEqualTo("/api/json")));
    }

    @Test
    void aRateLimitIsWaitedOutForAsLongAsRetryAfterSays() {
        jenkins.stubFor(get("/api/json").inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        jenkins.stubFor(get("/api/json").inScenario("limited").whenScenarioStateIs("free")
                .willReturn(okJson("{}").withHeader("X-Jenkins", "2.479.1")));

        long started = System.nanoTime();
        assertThat(client().version(connection)).isEqualTo("2.479.1");

        // the back-off alone would be 20 ms
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        jenkins.verify(2, getRequestedFor(urlPathEqualTo("/api/json")));
    }

    @Test
    void clientErrorsAreNotRetried() {
        jenkins.stubFor(get(urlPathEqualTo("/job/team/job/apps/job/shop-production/42/api/json"))
                .willReturn(aResponse().withStatus(401).withBody("Invalid password/token for user: deployer")));

        assertThatThrownBy(() -> client().build(connection, job, 42)).isInstanceOf(ProviderCallException.class)
                .hasMessageNotContaining("deployer");
        jenkins.verify(1, getRequestedFor(urlPathEqualTo("/job/team/job/apps/job/shop-production/42/api/json")));
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndClosesOnceJenkinsIsBack() {
        jenkins.stubFor(get("/api/json").willReturn(aResponse().withStatus(500)));
        JenkinsClient client = client(1, 2, Duration.ofMillis(500));

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> client.version(connection)).isInstanceOf(ProviderCallException.class)
                    .isNotInstanceOf(ProviderUnavailable.class);
        }
        assertThatThrownBy(() -> client.version(connection)).isInstanceOf(ProviderUnavailable.class);
        jenkins.verify(2, getRequestedFor(urlPathEqualTo("/api/json")));

        jenkins.stubFor(get("/api/json").willReturn(okJson("{}").withHeader("X-Jenkins", "2.479.1")));
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> "2.479.1".equals(client.version(connection)));
        assertThat(client.version(connection)).isEqualTo("2.479.1");
        assertThat(List.of(jenkins.getAllServeEvents().size())).isNotEmpty();
    }
}
