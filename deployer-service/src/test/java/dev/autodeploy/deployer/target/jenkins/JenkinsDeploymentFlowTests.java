package dev.autodeploy.deployer.target.jenkins;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.events.DeploymentLogged;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Deployments to the jenkins target end to end: a Jenkins registered through the API (a WireMock server answering
 * as contracts/jenkins-remote-api.json says), an environment deploying with it, the job created in its folder, the
 * build triggered with the deployment's parameters and followed from the queue to its result, its console log in
 * the deployment's log, a cancel stopping the build, and the pipeline's callbacks accepted only with the
 * deployment's token.
 */
class JenkinsDeploymentFlowTests extends DeployerTest {

    private static final WireMockServer JENKINS = started();

    private static WireMockServer started() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        server.stubFor(WireMock.get("/crumbIssuer/api/json").willReturn(okJson("""
                {"_class":"hudson.security.csrf.DefaultCrumbIssuer","crumb":"c-1","crumbRequestField":"Jenkins-Crumb"}""")
                .withHeader("Set-Cookie", "JSESSIONID.x=s1; Path=/")));
        server.stubFor(WireMock.get(urlPathEqualTo("/job/autodeploy/api/json")).willReturn(okJson("{\"name\":\"autodeploy\"}")));
        server.stubFor(WireMock.get("/").willReturn(aResponse().withStatus(200).withBody("<html/>")));
        return server;
    }

    @DynamicPropertySource
    static void jenkins(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.deployer.jenkins.poll-interval", () -> "100ms");
        registry.add("autodeploy.deployer.jenkins.callback-base-url", () -> "http://autodeploy.test");
        registry.add("autodeploy.deployer.provider-calls.backoff-initial", () -> "50ms");
        registry.add("autodeploy.deployer.provider-calls.max-attempts", () -> "2");
        // the breaker stays out of the way here (JenkinsClientTests open it)
        registry.add("resilience4j.circuitbreaker.configs.provider.minimum-number-of-calls", () -> "1000");
    }

    @AfterAll
    static void stop() {
        JENKINS.stop();
    }

    /** A project with an environment deploying to the registered Jenkins through job {@code job}. */
    private record Setup(Member admin, Object projectId, String environment, String job, String commit) {

        String path() {
            return "/job/autodeploy/job/" + job;
        }
    }

    private Setup setup() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", TestApps.staticSite("Jenkins"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("installCommand", "npm ci",
                "buildCommand", "npm run build", "outputDirectory", "."));
        ResponseEntity<Map<String, Object>> provider = post("/api/v1/cicd-providers", Map.of("organizationId",
                admin.organizationId(), "type", "jenkins", "name", "Jenkins " + UUID.randomUUID(), "baseUrl",
                JENKINS.baseUrl(), "username", "deployer", "secret", "jenkins-api-token-" + UUID.randomUUID()), admin);
        assertThat(provider.getStatusCode().value()).as("%s", provider.getBody()).isEqualTo(201);
        String job = "shop-" + UUID.randomUUID().toString().substring(0, 8);
        String environment = "ci-" + UUID.randomUUID().toString().substring(0, 8);
        ResponseEntity<Map<String, Object>> created = post("/api/v1/projects/" + project.get("id") + "/environments",
                Map.of("name", environment, "target", "jenkins", "settings", Map.of("providerId",
                        provider.getBody().get("id"), "folder", "autodeploy", "jobName", job, "url",
                        "https://shop.example.com")), admin);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        Setup setup = new Setup(admin, project.get("id"), environment, job, commit);
        JENKINS.stubFor(WireMock.get(urlPathEqualTo(setup.path() + "/api/json")).willReturn(aResponse().withStatus(404)));
        JENKINS.stubFor(WireMock.post(urlPathEqualTo("/job/autodeploy/createItem")).withQueryParam("name", equalTo(job))
                .willReturn(aResponse().withStatus(200)));
        return setup;
    }

    /** Jenkins queues the build as item {@code queueItem}, which becomes build 7 of the job. */
    private static void queues(Setup setup, long queueItem) {
        JENKINS.stubFor(WireMock.post(urlPathEqualTo(setup.path() + "/buildWithParameters")).willReturn(aResponse()
                .withStatus(201).withHeader("Location", JENKINS.baseUrl() + "/queue/item/" + queueItem + "/")));
        JENKINS.stubFor(WireMock.get("/queue/item/" + queueItem + "/api/json").willReturn(okJson("""
                {"_class":"hudson.model.Queue$LeftItem","id":%d,"cancelled":false,"executable":{"_class":"org.jenkinsci.plugins.workflow.job.WorkflowRun","number":7,"url":"%s%s/7/"}}"""
                .formatted(queueItem, JENKINS.baseUrl(), setup.path()))));
    }

    private static void build(Setup setup, boolean building, String result) {
        JENKINS.stubFor(WireMock.get(urlPathEqualTo(setup.path() + "/7/api/json")).willReturn(okJson(
                "{\"number\":7,\"building\":%s,\"result\":%s,\"url\":\"%s%s/7/\"}".formatted(building,
                        result == null ? "null" : "\"" + result + "\"", JENKINS.baseUrl(), setup.path()))));
    }

    private static void log(Setup setup, String first, String rest, boolean more) {
        String path = setup.path() + "/7/logText/progressiveText";
        int size = first.length();
        JENKINS.stubFor(WireMock.get(urlPathEqualTo(path)).withQueryParam("start", equalTo("0")).willReturn(aResponse()
                .withStatus(200).withHeader("X-Text-Size", Integer.toString(size)).withHeader("X-More-Data", "true")
                .withBody(first)));
        var restResponse = aResponse().withStatus(200).withHeader("X-Text-Size",
                Integer.toString(size + rest.length())).withBody(rest);
        JENKINS.stubFor(WireMock.get(urlPathEqualTo(path)).withQueryParam("start", equalTo(Integer.toString(size)))
                .willReturn(more ? restResponse.withHeader("X-More-Data", "true") : restResponse));
        JENKINS.stubFor(WireMock.get(urlPathEqualTo(path)).withQueryParam("start", equalTo(Integer.toString(size
                + rest.length()))).willReturn(aResponse().withStatus(200).withHeader("X-Text-Size",
                        Integer.toString(size + rest.length()))));
    }

    private Object deploy(Setup setup) {
        return deploy(setup.admin(), setup.projectId(), Map.of("environment", setup.environment(), "branch", "main"))
                .get("id");
    }

    private List<String> logLines(Object deploymentId, String until) {
        UUID id = UUID.fromString(deploymentId.toString());
        List<String>[] lines = new List[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
            lines[0] = events(Topics.DEPLOYMENT_LOGS, event -> event.data() instanceof DeploymentLogged line
                    && line.deploymentId().equals(id)).stream().map(event -> ((DeploymentLogged) event.data()))
                    .sorted(java.util.Comparator.comparingLong(DeploymentLogged::sequence))
                    .map(DeploymentLogged::message).toList();
            return lines[0].stream().anyMatch(line -> line.contains(until));
        });
        return lines[0];
    }

    private static Map<String, String> triggered(Setup setup) {
        List<LoggedRequest> requests = JENKINS.findAll(postRequestedFor(urlPathEqualTo(setup.path()
                + "/buildWithParameters")));
        assertThat(requests).hasSize(1);
        Map<String, String> parameters = new java.util.HashMap<>();
        requests.getFirst().getFormParameters().forEach((name, value) -> parameters.put(name, value.firstValue()));
        return parameters;
    }

    @Test
    void aSuccessfulBuildMakesTheDeploymentReady() {
        Setup setup = setup();
        queues(setup, 901);
        build(setup, false, "SUCCESS");
        log(setup, "Started by user deployer\n[Pipeline] stage\nBuilding ", "done\nFinished: SUCCESS\n", false);

        Object id = deploy(setup);
        Map<String, Object> ready = awaitStatus(setup.admin(), id, "ready");

        assertThat(ready).containsEntry("url", "https://shop.example.com");
        Map<String, String> parameters = triggered(setup);
        assertThat(parameters).containsEntry("COMMIT_SHA", setup.commit()).containsEntry("BRANCH", "main")
                .containsEntry("ENVIRONMENT", setup.environment()).containsEntry("DEPLOYMENT_ID", id.toString())
                .containsEntry("INSTALL_COMMAND", "npm ci").containsEntry("BUILD_COMMAND", "npm run build")
                .containsEntry("AUTODEPLOY_CALLBACK_URL", "http://autodeploy.test/api/v1/webhooks/jenkins/" + id)
                .containsKey("AUTODEPLOY_CALLBACK_TOKEN");
        String token = parameters.get("AUTODEPLOY_CALLBACK_TOKEN");
        assertThat(token).isNotBlank();
        // the job was created in its folder with the generated pipeline, the crumb on every POST
        JENKINS.verify(postRequestedFor(urlPathEqualTo("/job/autodeploy/createItem"))
                .withQueryParam("name", equalTo(setup.job())).withHeader("Jenkins-Crumb", equalTo("c-1"))
                .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("CpsFlowDefinition")));
        List<String> lines = logLines(id, "Finished: SUCCESS");
        assertThat(lines).contains("Started by user deployer", "[Pipeline] stage", "Building done")
                .noneMatch(line -> line.contains(token));
        assertThat(count("SELECT count(*) FROM deployment_cicd_mappings WHERE deployment_id = ? AND external_id = '7'"
                + " AND external_status = 'success'", UUID.fromString(id.toString()))).isOne();
        assertThat(get("/api/v1/deployments/" + id, setup.admin()).getBody().toString()).doesNotContain(token);
    }

    @Test
    void jenkinsIsAvailableAndEnvironmentSettingsThatCouldBecomeCodeAreRefused() {
        Setup setup = setup();

        assertThat(get("/api/v1/providers/jenkins", setup.admin()).getBody()).containsEntry("available", true);
        ResponseEntity<Map<String, Object>> refused = post("/api/v1/projects/" + setup.projectId() + "/environments",
                Map.of("name", "evil", "target", "jenkins", "settings", Map.of("providerId", UUID.randomUUID(),
                        "testCommand", "npm test $(curl evil)")), setup.admin());
        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-target-settings");
        assertThat((String) refused.getBody().get("detail")).startsWith("testCommand cannot be run");
    }

    @Test
    void aFailedBuildFailsTheDeploymentSayingSo() {
        Setup setup = setup();
        queues(setup, 902);
        build(setup, false, "FAILURE");
        log(setup, "npm ERR! missing script: build\n", "Finished: FAILURE\n", false);

        Map<String, Object> failed = awaitStatus(setup.admin(), deploy(setup), "error");

        assertThat((String) failed.get("statusReason")).contains("Jenkins build #7 failed (FAILURE)");
        JENKINS.verify(1, postRequestedFor(urlPathEqualTo(setup.path() + "/buildWithParameters")));
    }

    @Test
    void aRetriedDeploymentFollowsTheBuildItStartedInsteadOfStartingAnother() {
        Setup setup = setup();
        queues(setup, 904);
        log(setup, "Started\n", "Finished: SUCCESS\n", false);
        // Jenkins fails every call of the first attempt to read the build: the deployment is retried later
        String status = setup.path() + "/7/api/json";
        for (int i = 0; i < 2; i++) {
            JENKINS.stubFor(WireMock.get(urlPathEqualTo(status)).inScenario(setup.job())
                    .whenScenarioStateIs(i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "down-" + i)
                    .willReturn(aResponse().withStatus(503)).willSetStateTo("down-" + (i + 1)));
        }
        JENKINS.stubFor(WireMock.get(urlPathEqualTo(status)).inScenario(setup.job()).whenScenarioStateIs("down-2")
                .willReturn(okJson("{\"number\":7,\"building\":false,\"result\":\"SUCCESS\",\"url\":\"u\"}")));

        Map<String, Object> ready = awaitStatus(setup.admin(), deploy(setup), "ready");

        assertThat(ready.get("attempts")).isEqualTo(2);
        JENKINS.verify(1, postRequestedFor(urlPathEqualTo(setup.path() + "/buildWithParameters")));
        assertThat(logLines(ready.get("id"), "this deployment started before"))
                .anyMatch(line -> line.contains("Following the Jenkins build #7 this deployment started before"));
    }

    @Test
    void cancellingStopsTheBuildAndCallbacksNeedTheDeploymentsToken() {
        Setup setup = setup();
        queues(setup, 903);
        build(setup, true, null);
        log(setup, "Started\n", "still building\n", true);
        JENKINS.stubFor(WireMock.post(urlPathEqualTo(setup.path() + "/7/stop")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", JENKINS.baseUrl() + "/")));
        Object id = deploy(setup);
        logLines(id, "still building");
        String token = triggered(setup).get("AUTODEPLOY_CALLBACK_TOKEN");
        String webhook = "/api/v1/webhooks/jenkins/" + id;

        assertThat(callback(webhook + "/stage", "{\"stage\":\"Build\",\"status\":\"running\"}", null)).isEqualTo(401);
        assertThat(callback(webhook + "/stage", "{\"stage\":\"Build\",\"status\":\"running\"}", token + "x"))
                .isEqualTo(401);
        assertThat(callback("/api/v1/webhooks/jenkins/" + UUID.randomUUID() + "/stage",
                "{\"stage\":\"Build\",\"status\":\"running\"}", token)).isEqualTo(404);
        assertThat(callback(webhook + "/stage", "{\"stage\":", token)).isEqualTo(400);
        assertThat(callback(webhook + "/stage", "{\"stage\":\"Build'); evil\",\"status\":\"running\"}", token))
                .isEqualTo(400);
        assertThat(callback(webhook + "/stage", "{\"stage\":\"Build\",\"status\":\"running\"}", token)).isEqualTo(202);
        assertThat(callback(webhook + "/log", "{\"lines\":[\"from the pipeline\",\"second\\nthird\"]}", token))
                .isEqualTo(202);
        assertThat(callback(webhook + "/status", "{\"status\":\"running\"}", token)).isEqualTo(202);
        assertThat(logLines(id, "third")).contains("Stage Build: running", "from the pipeline", "second",
                "The pipeline reports running");

        assertThat(post("/api/v1/deployments/" + id + "/cancel", null, setup.admin()).getStatusCode().value())
                .isIn(200, 202);
        awaitStatus(setup.admin(), id, "cancelled");

        JENKINS.verify(postRequestedFor(urlPathEqualTo(setup.path() + "/7/stop"))
                .withHeader("Jenkins-Crumb", equalTo("c-1")));
        assertThat(count("SELECT count(*) FROM deployment_cicd_mappings WHERE deployment_id = ? AND external_status"
                + " = 'cancelled'", UUID.fromString(id.toString()))).isOne();
    }

    private int callback(String path, String body, String token) {
        var request = http().method(HttpMethod.POST).uri(path).contentType(MediaType.APPLICATION_JSON).body(body);
        if (token != null) {
            request.header(JenkinsWebhookController.TOKEN_HEADER, token);
        }
        return request.retrieve().onStatus(status -> true, (req, response) -> { }).toBodilessEntity()
                .getStatusCode().value();
    }
}
