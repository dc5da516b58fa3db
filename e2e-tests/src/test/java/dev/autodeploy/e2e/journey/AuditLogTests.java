package dev.autodeploy.e2e.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.autodeploy.e2e.support.Accounts;
import dev.autodeploy.e2e.support.Api;
import dev.autodeploy.e2e.support.GitRepository;
import dev.autodeploy.e2e.support.Suite;
import tools.jackson.databind.JsonNode;

/**
 * The audit log of a scripted session, through the gateway only: mutations across auth (organization, member role,
 * invitation), analyzer (repository, analysis), deployer (project, environment, a secret variable, a deployment) and
 * monitor (alert rule; the health check the platform starts for the live deployment), then the organization's log read
 * page by page until every expected entry is there. Each expected (action, target) appears exactly once, with the
 * actor, request id and client address; the secret variable's value, the tokens and the password appear nowhere in
 * the list or in either export.
 *
 * <p>The deployer's entries are recorded by deployer-service (its own audit calls, separate work): their action names
 * and target ids ({@code project.created}, {@code environment.created}, {@code variable.created} with target
 * {@code <environment id>/<key>}, {@code deployment.created}) follow deployer-service's README; see
 * {@link #DEPLOYER_DEPENDENT}.
 */
@Tag("journey")
@ExtendWith(Suite.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogTests {

    private static final Duration POLL = Duration.ofMillis(500);
    /** Expectations that hold only once deployer-service records its mutations (marked in the list below). */
    private static final String DEPLOYER_DEPENDENT = "deployer-service";
    /**
     * {@code -De2e.audit.deployer=false} leaves the deployer's entries out of the expectations (a suite whose
     * deployer-service does not audit yet); everything else is still checked, the deployer's mutations still made.
     */
    private static final boolean DEPLOYER_AUDITS = !"false".equals(System.getProperty("e2e.audit.deployer"));

    private final String secret = "sk-audit-" + UUID.randomUUID();
    private final String marker = "audit-build-" + UUID.randomUUID();
    private GitRepository repository;
    private Api api;
    private String projectId;

    @AfterAll
    void cleanUp() {
        if (projectId != null) {
            api.delete("/api/v1/projects/" + projectId);
        }
        if (repository != null) {
            repository.close();
        }
    }

    /** One expected entry: its action, target id and the service that records it. */
    private record Expected(String action, String targetId, String service) {
    }

    @Test
    void aScriptedSessionIsAuditedOncePerMutationWithoutSecrets(Suite suite) {
        Accounts accounts = new Accounts(suite.api());
        Accounts.Organization organization = accounts.organization("audit");
        Accounts.User owner = organization.owner();
        Accounts.User colleague = accounts.register("audit-colleague");
        Accounts.User invitee = accounts.register("audit-invitee");
        api = suite.api().as(owner);
        String org = organization.id();
        List<Expected> expected = new ArrayList<>();
        List<String> secrets = new ArrayList<>(List.of(secret, owner.password(), owner.accessToken(),
                owner.refreshToken(), colleague.password(), colleague.accessToken(), invitee.password(),
                invitee.accessToken()));
        expected.add(new Expected("organization.created", org, "auth-service"));

        // auth: organization, member and role, invitation accepted
        api.put("/api/v1/organizations/" + org, Map.of("name", "E2E audit renamed")).expect(200);
        expected.add(new Expected("organization.updated", org, "auth-service"));
        api.post("/api/v1/organizations/" + org + "/members", Map.of("email", colleague.email(), "role", "viewer"))
                .expect(201);
        expected.add(new Expected("member.added", colleague.id(), "auth-service"));
        api.put("/api/v1/organizations/" + org + "/members/" + colleague.id(), Map.of("role", "developer")).expect(200);
        expected.add(new Expected("member.role_changed", colleague.id(), "auth-service"));
        JsonNode invitation = api.post("/api/v1/organizations/" + org + "/invitations",
                Map.of("email", invitee.email(), "role", "viewer")).expect(201);
        String invitationToken = invitation.get("token").asString();
        secrets.add(invitationToken);
        expected.add(new Expected("invitation.created", invitation.get("id").asString(), "auth-service"));
        suite.api().as(invitee).post("/api/v1/invitations/" + invitationToken + "/accept", null).expect(200);
        expected.add(new Expected("invitation.accepted", invitation.get("id").asString(), "auth-service"));
        Accounts.awaitKnownEverywhere(suite.api(), organization);

        // analyzer: repository registered and analyzed
        repository = GitRepository.create("audit");
        repository.commit("v1", NodeRelease.good("v1", marker).files());
        String repositoryId = api.post("/api/v1/repositories", Map.of("organizationId", org, "url", repository.url()))
                .expect(201).get("id").asString();
        expected.add(new Expected("repository.registered", repositoryId, "analyzer-service"));
        Api.Response analyze = api.post("/api/v1/repositories/" + repositoryId + "/analyze", Map.of());
        assertThat(analyze.status()).as(analyze.toString()).isEqualTo(202);
        String analysisId = analyze.json().get("id").asString();
        expected.add(new Expected("analysis.requested", analysisId, "analyzer-service"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(POLL).until(() -> api.get("/api/v1/repositories/"
                + repositoryId + "/analyses/" + analysisId).expect(200).get("status").asString(), "completed"::equals);

        // deployer: project, environment, secret variable, deployment
        Map<String, String> projectRequest = Map.of("organizationId", org, "repositoryId", repositoryId, "name",
                "audit-" + UUID.randomUUID().toString().substring(0, 8));
        JsonNode project = await().atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(() -> api.post("/api/v1/projects", projectRequest), r -> r.status() != 422
                        || !r.text().contains("repository-not-analyzed")).expect(201);
        projectId = project.get("id").asString();
        expected.add(new Expected("project.created", projectId, DEPLOYER_DEPENDENT));
        String production = null;
        for (JsonNode environment : project.get("environments")) {
            if (environment.get("name").asString().equals("production")) {
                production = environment.get("id").asString();
            }
        }
        assertThat(production).as("the project's production environment").isNotNull();
        String staging = api.post("/api/v1/projects/" + projectId + "/environments",
                Map.of("name", "staging", "kind", "custom")).expect(201).get("id").asString();
        expected.add(new Expected("environment.created", staging, DEPLOYER_DEPENDENT));
        api.post("/api/v1/projects/" + projectId + "/env?environment=production",
                Map.of("key", "API_KEY", "value", secret, "secret", true)).expect(201);
        expected.add(new Expected("variable.created", production + "/API_KEY", DEPLOYER_DEPENDENT));
        Api.Response deploy = api.post("/api/v1/projects/" + projectId + "/deployments",
                Map.of("environment", "production"));
        assertThat(deploy.status()).as(deploy.toString()).isIn(201, 202);
        String deploymentId = deploy.json().get("id").asString();
        expected.add(new Expected("deployment.created", deploymentId, DEPLOYER_DEPENDENT));
        await().atMost(Duration.ofSeconds(120)).pollInterval(POLL).until(() -> api.get("/api/v1/deployments/"
                + deploymentId).expect(200).get("status").asString(), status -> List.of("ready", "error",
                        "cancelled").contains(status));
        assertThat(api.get("/api/v1/deployments/" + deploymentId).expect(200).get("status").asString())
                .isEqualTo("ready");

        // monitor: alert rule; the health check of the live deployment is the platform's doing
        String ruleId = api.post("/api/v1/alert-rules", Map.of("organizationId", org, "projectId", projectId,
                "type", "deployment-failed", "webhook", Map.of("url", "https://hooks.example.com/audit",
                        "secret", secret))).expect(201).get("id").asString();
        expected.add(new Expected("alert_rule.created", ruleId, "monitor-service"));
        api.patch("/api/v1/alert-rules/" + ruleId, Map.of("enabled", false)).expect(200);
        expected.add(new Expected("alert_rule.updated", ruleId, "monitor-service"));
        expected.add(new Expected("health_check.started", deploymentId, "monitor-service"));

        // The log, read page by page (small pages: the cursor is exercised), until every expected entry is in.
        if (!DEPLOYER_AUDITS) {
            expected.removeIf(e -> e.service().equals(DEPLOYER_DEPENDENT));
        }
        List<JsonNode> entries = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> readAll(org), found -> expected.stream().allMatch(e -> count(found, e) >= 1));
        for (Expected e : expected) {
            assertThat(count(entries, e)).as("%s %s (%s)", e.action(), e.targetId(), e.service()).isEqualTo(1);
        }
        for (JsonNode entry : entries) {
            String action = entry.get("action").asString();
            if (entry.get("actorType").asString().equals("user")) {
                assertThat(entry.get("requestId").asString("")).as("request id of %s", action).isNotBlank();
                String actor = entry.get("actorId").asString();
                assertThat(actor).as("actor of %s", action)
                        .isEqualTo(action.equals("invitation.accepted") ? invitee.id() : owner.id());
                assertThat(entry.get("actorEmail").asString()).as("email of %s", action)
                        .isEqualTo(action.equals("invitation.accepted") ? invitee.email() : owner.email());
                assertThat(entry.get("ip").asString()).as("address of %s", action).isNotBlank();
            }
        }
        assertThat(entries).filteredOn(entry -> entry.get("action").asString().equals("variable.created"))
                .hasSize(DEPLOYER_AUDITS ? 1 : 0).allSatisfy(entry -> assertThat(entry.get("after").toString()).contains("********"));

        String everything = entries.toString()
                + export(org, "ndjson", "application/x-ndjson") + export(org, "csv", "text/csv");
        for (String value : secrets) {
            assertThat(everything.contains(value)).as("a secret (%s characters) in the audit log", value.length())
                    .isFalse();
        }
        // The developer reads their projects but not the audit log; nobody else sees it at all.
        assertThat(suite.api().as(colleague).get("/api/v1/organizations/" + org + "/audit").status()).isEqualTo(403);
        Accounts.User outsider = accounts.register("audit-outsider");
        assertThat(suite.api().as(outsider).get("/api/v1/organizations/" + org + "/audit").status()).isEqualTo(404);
    }

    private List<JsonNode> readAll(String org) {
        List<JsonNode> entries = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/organizations/" + org + "/audit?limit=10"
                    + (cursor == null ? "" : "&cursor=" + cursor)).expect(200);
            page.get("items").forEach(entries::add);
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asString();
        }
        while (cursor != null);
        return entries;
    }

    private static long count(List<JsonNode> entries, Expected expected) {
        return entries.stream().filter(entry -> entry.get("action").asString().equals(expected.action())
                && entry.get("targetId").asString().equals(expected.targetId())
                && entry.get("service").asString().equals(expected.service())).count();
    }

    private String export(String org, String format, String contentType) {
        Api.Response response = api.get("/api/v1/organizations/" + org + "/audit/export?format=" + format);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.header("Content-Type")).startsWith(contentType);
        assertThat(response.header("Content-Disposition")).startsWith("attachment");
        assertThat(response.text().lines().count()).as("%s export", format).isGreaterThan(1);
        return response.text();
    }
}
