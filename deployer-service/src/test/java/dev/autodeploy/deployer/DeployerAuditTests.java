package dev.autodeploy.deployer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.autodeploy.deployer.target.DeploymentContext;
import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deployer's audit log for a scripted session, read where auth-service reads it (the
 * {@code autodeploy.audit.events} topic the outbox sends to): every mutating endpoint driven once over HTTP — and
 * a Git host's push, CI callbacks — appears exactly once, with who did it, the organization, the target and the
 * relevant fields before and after, and no secret value (a secret variable's, a provider's, a callback token, a
 * database password) anywhere in any entry. A mutation that fails records nothing.
 */
class DeployerAuditTests extends DeployerTest {

    /** The secret application-test.yml configures for GitHub's webhooks. */
    private static final String GITHUB_SECRET = "test-only-github-webhook-secret";
    private static final String MASK = "********";

    @Autowired
    private CallbackTestTarget ci;

    @Test
    void everyMutationOfAScriptedSessionIsAuditedExactlyOnceAndNoSecretValueAppears() {
        Member admin = member(Role.ADMIN);
        UUID organization = admin.organizationId();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String secretV1 = "sk_live_first_" + suffix;
        String secretV2 = "sk_live_second_" + suffix;
        String importedSecret = "imported_secret_" + suffix;
        String providerSecret = "ci-token-" + suffix;

        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Audit"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        String projectId = (String) project.get("id");
        String path = "/api/v1/projects/" + projectId;
        expect(put(path, Map.of("description", "The audited shop"), admin), 200);

        Map<String, Object> environment = expect(post(path + "/environments", Map.of("name", "ci", "target",
                CallbackTestTarget.ID, "branch", "main"), admin), 201);
        // pushes deploy the ci environment only (the callback target), so every outcome is reported by callback
        expect(put(path + "/environments/production", Map.of("autoDeploy", false), admin), 200);

        String env = path + "/env";
        expect(post(env + "?environment=ci", Map.of("key", "API_URL", "value", "https://api.example.test"), admin),
                201);
        expect(post(env + "?environment=ci", Map.of("key", "STRIPE_KEY", "value", secretV1, "secret", true), admin),
                201);
        expect(put(env + "/STRIPE_KEY?environment=ci", Map.of("value", secretV2), admin), 200);
        expect(post(env + "/import?environment=ci&secret=true", "WEBHOOK_SIGNING=" + importedSecret + "\nWORKERS=3\n",
                admin), 200);
        assertThat(delete(env + "/API_URL?environment=ci", admin)).isEqualTo(204);

        // deploy, reported ready by the CI with its callback token
        String first = (String) deploy(admin, projectId, Map.of("environment", "ci")).get("id");
        String token = awaitCallback(first);
        expect(report(first, "{\"status\":\"success\",\"metadata\":{\"runId\":7}}", token, null), 200);
        // retry it, cancel the retry
        String retry = (String) expect(post("/api/v1/deployments/" + first + "/retry", null, admin), 201).get("id");
        awaitCallback(retry);
        expect(post("/api/v1/deployments/" + retry + "/cancel", null, admin), 200);
        // roll back to it; a user reports the rollback failed
        String rollback = (String) expect(post("/api/v1/deployments/" + first + "/rollback", null, admin), 201)
                .get("id");
        awaitCallback(rollback);
        expect(call(HttpMethod.PATCH, "/api/v1/deployments/" + rollback + "/status",
                Map.of("status", "failed", "reason", "smoke test failed"), admin).toEntity(JSON), 200);
        // a push deploys the ci environment; the CI reports with a signature
        ResponseEntity<Map<String, Object>> pushed = push(repository, commit);
        assertThat(pushed.getStatusCode().value()).as("%s", pushed.getBody()).isEqualTo(202);
        List<?> queued = (List<?>) pushed.getBody().get("deployments");
        assertThat(queued).hasSize(1);
        String triggered = String.valueOf(queued.getFirst());
        String triggeredToken = awaitCallback(triggered);
        String body = "{\"status\":\"success\"}";
        expect(report(triggered, body, null, "sha256=" + hmac(triggeredToken, body)), 200);
        // back to the last success before what the environment serves now (the first), then to a commit
        String lastSuccess = (String) expect(post(path + "/deployments/rollback/last-success",
                Map.of("environment", "ci"), admin), 201).get("id");
        expect(report(lastSuccess, "{\"status\":\"success\"}", awaitCallback(lastSuccess), null), 200);
        String toCommit = (String) expect(post(path + "/deployments/rollback", Map.of("commitSha", commit,
                "environment", "ci"), admin), 201).get("id");
        expect(report(toCommit, "{\"status\":\"failed\"}", awaitCallback(toCommit), null), 200);

        // CI/CD provider: register, change its secret, test it, remove it
        Map<String, Object> provider = expect(post("/api/v1/cicd-providers", Map.of("organizationId", organization,
                "type", TestProviderType.TYPE, "name", "Audit CI " + suffix, "baseUrl", "http://localhost:9",
                "username", "deployer", "secret", providerSecret), admin), 201);
        String providerPath = "/api/v1/cicd-providers/" + provider.get("id");
        expect(put(providerPath, Map.of("secret", TestProviderType.GOOD_SECRET, "settings", Map.of("project", "shop")),
                admin), 200);
        assertThat(expect(post(providerPath + "/test", null, admin), 200)).containsEntry("ok", true);
        assertThat(delete(providerPath, admin)).isEqualTo(204);

        // a database of the production environment, then gone again
        Map<String, Object> database = expect(post("/api/v1/databases", Map.of("projectId", projectId), admin), 201);
        assertThat(delete("/api/v1/databases/" + database.get("id"), admin)).isEqualTo(204);

        assertThat(delete(path + "/environments/ci", admin)).isEqualTo(204);
        assertThat(delete(path, admin)).isEqualTo(204);

        List<String> expected = List.of("project.created", "project.updated", "environment.created",
                "environment.updated", "variable.created", "variable.created", "variable.updated",
                "variables.imported", "variable.deleted", "deployment.created", "deployment.status-reported",
                "deployment.created", "deployment.cancelled", "deployment.created", "deployment.status-reported",
                "deployment.created", "deployment.status-reported", "deployment.created", "deployment.status-reported",
                "deployment.created", "deployment.status-reported", "cicd-provider.created", "cicd-provider.updated",
                "cicd-provider.tested", "cicd-provider.deleted", "database.provisioned", "database.deleted",
                "environment.deleted", "project.deleted");
        List<AuditRecorded> entries = awaitEntries(organization, expected.size());
        assertThat(entries).extracting(AuditRecorded::action).containsExactlyElementsOf(expected);
        assertThat(entries).extracting(AuditRecorded::eventId).doesNotHaveDuplicates();
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.organizationId()).isEqualTo(organization);
            assertThat(entry.service()).isEqualTo("deployer-service");
            assertThat(entry.occurredAt()).isNotNull();
        });

        // nothing secret in any entry
        String everything = entries.toString();
        for (String secret : List.of(secretV1, secretV2, importedSecret, providerSecret, TestProviderType.GOOD_SECRET,
                token, triggeredToken, "postgresql://")) {
            assertThat(everything).as("an entry contains a secret").doesNotContain(secret);
        }

        AuditRecorded created = entries.get(0);
        assertUser(created, admin, "project", projectId);
        assertThat(created.before()).isNull();
        assertThat(created.after()).containsEntry("name", project.get("name")).containsEntry("productionBranch", "main")
                .containsEntry("repositoryUrl", repository.fileUrl());
        assertThat(list(created.after().get("environments"))).singleElement()
                .satisfies(production -> assertThat(production).containsEntry("name", "production"));
        assertThat(created.ip()).isNotBlank();

        AuditRecorded updated = entries.get(1);
        assertUser(updated, admin, "project", projectId);
        assertThat(updated.before()).containsEntry("description", null);
        assertThat(updated.after()).containsEntry("description", "The audited shop");

        assertUser(entries.get(2), admin, "environment", (String) environment.get("id"));
        assertThat(entries.get(2).after()).containsEntry("name", "ci").containsEntry("target", CallbackTestTarget.ID);
        assertThat(entries.get(3).before()).containsEntry("name", "production").containsEntry("autoDeploy", true);
        assertThat(entries.get(3).after()).containsEntry("autoDeploy", false);

        String ciEnvironment = (String) environment.get("id");
        AuditRecorded plain = entries.get(4);
        assertUser(plain, admin, "variable", ciEnvironment + "/API_URL");
        assertThat(plain.after()).containsEntry("key", "API_URL").containsEntry("secret", false)
                .containsEntry("value", "https://api.example.test");
        AuditRecorded secret = entries.get(5);
        assertUser(secret, admin, "variable", ciEnvironment + "/STRIPE_KEY");
        assertThat(secret.after()).containsEntry("secret", true).containsEntry("value", MASK);
        AuditRecorded changed = entries.get(6);
        assertThat(changed.before()).containsEntry("value", MASK);
        assertThat(changed.after()).containsEntry("value", MASK).containsEntry("secret", true);
        AuditRecorded imported = entries.get(7);
        assertUser(imported, admin, "environment", ciEnvironment);
        assertThat(imported.after()).containsEntry("created", List.of("WEBHOOK_SIGNING", "WORKERS"))
                .containsEntry("secret", true);
        assertThat(entries.get(8).before()).containsEntry("key", "API_URL");
        assertThat(entries.get(8).after()).isNull();

        AuditRecorded deployed = entries.get(9);
        assertUser(deployed, admin, "deployment", first);
        assertThat(deployed.after()).containsEntry("action", "deploy").containsEntry("commitSha", commit)
                .containsEntry("branch", "main").containsEntry("environment", "ci").doesNotContainKey("callbackToken");
        AuditRecorded reported = entries.get(10);
        assertThat(reported.actorType()).isEqualTo("webhook");
        assertThat(reported.actorId()).isNull();
        assertThat(reported.targetId()).isEqualTo(first);
        assertThat(reported.before()).containsEntry("status", "deploying");
        assertThat(reported.after()).containsEntry("status", "ready");
        assertUser(entries.get(11), admin, "deployment", retry);
        assertThat(entries.get(11).after()).containsEntry("action", "retry").containsEntry("parentId", first);
        assertUser(entries.get(12), admin, "deployment", retry);
        assertThat(entries.get(12).after()).containsEntry("status", "cancelled");
        assertUser(entries.get(13), admin, "deployment", rollback);
        assertThat(entries.get(13).after()).containsEntry("action", "rollback").containsEntry("parentId", first);
        assertUser(entries.get(14), admin, "deployment", rollback);
        assertThat(entries.get(14).after()).containsEntry("status", "error").containsEntry("reason",
                "smoke test failed");
        AuditRecorded byPush = entries.get(15);
        assertThat(byPush.actorType()).isEqualTo("webhook");
        assertThat(byPush.targetId()).isEqualTo(triggered);
        assertThat(byPush.after()).containsEntry("action", "deploy").containsEntry("commitSha", commit);
        assertThat(map(byPush.after().get("metadata"))).containsEntry("trigger", "github-push");
        assertThat(entries.get(16).actorType()).isEqualTo("webhook");
        assertUser(entries.get(17), admin, "deployment", lastSuccess);
        assertThat(entries.get(17).after()).containsEntry("action", "rollback").containsEntry("parentId", first);
        assertUser(entries.get(19), admin, "deployment", toCommit);
        assertThat(entries.get(19).after()).containsEntry("action", "rollback").containsEntry("commitSha", commit);

        String providerId = (String) provider.get("id");
        AuditRecorded registered = entries.get(21);
        assertUser(registered, admin, "cicd-provider", providerId);
        assertThat(registered.after()).containsEntry("hasSecret", true).containsEntry("username", "deployer");
        assertThat(entries.get(22).after()).containsEntry("secretChanged", true)
                .containsEntry("settings", Map.of("project", "shop"));
        assertThat(entries.get(23).after()).containsEntry("status", "connected");
        assertThat(entries.get(24).before()).containsEntry("name", "Audit CI " + suffix);

        assertUser(entries.get(25), admin, "database", (String) database.get("id"));
        assertThat(entries.get(25).after()).containsEntry("variableKey", "DATABASE_URL")
                .containsEntry("status", "available");
        assertThat(entries.get(26).before()).containsEntry("databaseName", database.get("name"));
        assertUser(entries.get(27), admin, "environment", ciEnvironment);
        assertUser(entries.get(28), admin, "project", projectId);
        assertThat(entries.get(28).after()).isNull();
    }

    @Test
    void aMutationThatFailsRecordsNothing() {
        Member admin = member(Role.ADMIN);
        Member viewer = member(admin.organizationId(), Role.VIEWER);
        Member outsider = member(Role.OWNER);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Refused"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        String path = "/api/v1/projects/" + project.get("id");
        expect(post(path + "/env", Map.of("key", "TAKEN", "value", "plain"), admin), 201);

        expectStatus(post("/api/v1/projects", Map.of("organizationId", admin.organizationId(), "repositoryId",
                UUID.randomUUID()), admin), 422);
        expectStatus(put(path, Map.of("rootDirectory", "../outside"), admin), 400);
        expectStatus(put(path, Map.of("name", "Theirs now"), outsider), 404);
        expectStatus(put(path, Map.of("name", "Viewer's"), viewer), 403);
        expectStatus(post(path + "/environments", Map.of("name", "production"), admin), 409);
        expectStatus(put(path + "/environments/missing", Map.of("autoDeploy", false), admin), 404);
        expectStatus(post(path + "/env", Map.of("key", "TAKEN", "value", "sk_live_never_" + UUID.randomUUID(),
                "secret", true), admin), 409);
        assertThat(delete(path + "/env/MISSING", admin)).isEqualTo(404);
        expectStatus(post(path + "/env/import", "not a dotenv line\n", admin), 422);
        expectStatus(post(path + "/deployments", Map.of("environment", "nowhere"), admin), 404);
        expectStatus(post(path + "/deployments/rollback/last-success", Map.of(), admin), 404);
        expectStatus(post("/api/v1/deployments/" + UUID.randomUUID() + "/cancel", null, admin), 404);
        expectStatus(post("/api/v1/cicd-providers", Map.of("organizationId", admin.organizationId(), "type",
                TestProviderType.TYPE, "name", "No URL", "secret", "ci-token-never"), admin), 422);
        assertThat(delete("/api/v1/databases/" + UUID.randomUUID(), admin)).isEqualTo(404);
        assertThat(delete(path, outsider)).isEqualTo(404);

        // one more change that works: once it is in the log, anything recorded before it would be too
        expect(put(path, Map.of("description", "marker"), admin), 200);
        List<AuditRecorded> entries = awaitEntries(admin.organizationId(), 3);
        assertThat(entries).extracting(AuditRecorded::action)
                .containsExactly("project.created", "variable.created", "project.updated");
        assertThat(entries(outsider.organizationId())).isEmpty();
    }

    @Test
    void whatThePlatformDoesOnItsOwnIsAuditedAsTheSystem() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String good = repository.commit("v1", TestApps.nodeServer("v1"));
        Map<String, Object> project = project(admin, repository, good, TestApps.NODE_BUILD);
        String projectId = (String) project.get("id");
        expect(post("/api/v1/projects/" + projectId + "/environments", Map.of("name", "ci", "target",
                CallbackTestTarget.ID), admin), 201);

        // a newer queued deployment supersedes an older one while the environment is busy
        String busy = (String) deploy(admin, projectId, Map.of("environment", "ci", "branch", "main")).get("id");
        String token = awaitCallback(busy);
        String older = (String) deploy(admin, projectId, Map.of("environment", "ci", "branch", "main")).get("id");
        String newer = (String) deploy(admin, projectId, Map.of("environment", "ci", "branch", "main")).get("id");
        expect(report(busy, "{\"status\":\"success\"}", token, null), 200);
        awaitCallback(newer);
        assertThat(get("/api/v1/deployments/" + older, admin).getBody()).containsEntry("status", "cancelled");
        // the CI never reports on the newer one: the sweeper gives up on it
        jdbc.sql("UPDATE deployments SET updated_at = now() - interval '30 days' WHERE id = ?")
                .param(UUID.fromString(newer)).update();
        awaitStatus(admin, newer, "error");

        // a deployment's provision_database step makes the database; a release that crashes at start never takes
        // over: the environment keeps the previous one
        String first = (String) awaitStatus(admin, deploy(admin, projectId, Map.of("provisionDatabase", true))
                .get("id"), "ready").get("id");
        repository.commit("crash at start", TestApps.crashingServer());
        String crashed = (String) awaitStatus(admin, deploy(admin, projectId, Map.of()).get("id"), "error").get("id");

        // the automatic rollback also blocks the crashed commit in the environment (release feature), as the system
        List<AuditRecorded> entries = awaitEntries(admin.organizationId(), 13);
        assertThat(entries).extracting(AuditRecorded::action).containsExactly("project.created",
                "environment.created", "deployment.created", "deployment.created", "deployment.created",
                "deployment.status-reported", "deployment.cancelled", "deployment.timed-out", "deployment.created",
                "database.provisioned", "deployment.created", "deployment.rolled-back", "commit.blocked");
        assertThat(entries.get(12).actorType()).isEqualTo("system");
        AuditRecorded superseded = entries.get(6);
        assertThat(superseded.actorType()).isEqualTo("system");
        assertThat(superseded.actorId()).isNull();
        assertThat(superseded.targetId()).isEqualTo(older);
        assertThat(superseded.after()).containsEntry("status", "cancelled").containsEntry("supersededBy", newer);
        AuditRecorded timedOut = entries.get(7);
        assertThat(timedOut.actorType()).isEqualTo("system");
        assertThat(timedOut.targetId()).isEqualTo(newer);
        assertThat(timedOut.before()).containsEntry("status", "deploying");
        assertThat(timedOut.after()).containsEntry("status", "error");
        AuditRecorded provisioned = entries.get(9);
        assertThat(provisioned.actorType()).isEqualTo("system");
        assertThat(provisioned.targetType()).isEqualTo("database");
        assertThat(provisioned.after()).containsEntry("variableKey", "DATABASE_URL");
        assertThat(provisioned.toString()).doesNotContain("postgresql://");
        AuditRecorded rolledBack = entries.get(11);
        assertThat(rolledBack.actorType()).isEqualTo("system");
        assertThat(rolledBack.targetId()).isEqualTo(crashed);
        assertThat(rolledBack.after()).containsEntry("rolledBackTo", first).containsEntry("automatic", true)
                .containsEntry("environment", "production");
        assertThat(rolledBack.requestId()).isNull();
        assertThat(delete("/api/v1/databases/" + provisioned.targetId(), admin)).isEqualTo(204);
    }

    @Test
    void aPullRequestsPreviewIsAuditedAsTheGitHostsDoing() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Preview"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        int number = 4000 + new java.util.Random().nextInt(1000);
        String fullName = "acme/audit-" + UUID.randomUUID();
        try {
            repository.git().checkout().setCreateBranch(true).setName("feature").call();
        }
        catch (org.eclipse.jgit.api.errors.GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
        commit = repository.commit("feature", TestApps.staticSite("Feature"));

        ResponseEntity<Map<String, Object>> opened = deliver("pull_request",
                pullRequest("opened", number, commit, fullName, repository));
        assertThat(opened.getStatusCode().value()).as("%s", opened.getBody()).isEqualTo(202);
        List<?> queued = (List<?>) opened.getBody().get("deployments");
        assertThat(queued).hasSize(1);
        awaitStatus(admin, queued.getFirst(), "ready");
        assertThat(deliver("pull_request", pullRequest("closed", number, commit, fullName, repository))
                .getStatusCode().value()).isEqualTo(202);

        List<AuditRecorded> entries = awaitEntries(admin.organizationId(), 4);
        assertThat(entries).extracting(AuditRecorded::action).containsExactly("project.created",
                "environment.created", "deployment.created", "environment.deleted");
        assertThat(entries.subList(1, 4)).allSatisfy(entry -> {
            assertThat(entry.actorType()).isEqualTo("webhook");
            assertThat(entry.actorId()).isNull();
        });
        assertThat(entries.get(1).after()).containsEntry("name", "pr-" + number).containsEntry("kind", "preview")
                .containsEntry("branch", "feature");
        assertThat(entries.get(2).targetId()).isEqualTo(queued.getFirst());
        assertThat(entries.get(3).targetId()).isEqualTo(entries.get(1).targetId());
        assertThat(entries.get(3).before()).containsEntry("name", "pr-" + number);
        assertThat(count("SELECT count(*) FROM environments WHERE project_id = ? AND kind = 'preview'",
                UUID.fromString((String) project.get("id")))).isZero();
    }

    @Test
    void aCiSystemsReportOnItsRunIsAuditedAsTheWebhooksDoing() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("site", TestApps.staticSite("Run"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        UUID projectId = UUID.fromString((String) project.get("id"));
        Map<String, Object> environment = expect(post("/api/v1/projects/" + projectId + "/environments",
                Map.of("name", "ci", "target", CallbackTestTarget.ID), admin), 201);
        String deployment = (String) deploy(admin, projectId, Map.of("environment", "ci", "branch", "main"))
                .get("id");
        String token = awaitCallback(deployment);
        // the run GitHub Actions carries the deployment out with, as the GitHub Actions target records it
        UUID provider = UUID.randomUUID();
        UUID job = UUID.randomUUID();
        long runId = 1_000_000L + new java.util.Random().nextInt(1_000_000);
        jdbc.sql("""
                INSERT INTO cicd_providers (id, organization_id, type, name, base_url, created_by, created_at, updated_at)
                VALUES (?, ?, 'github-actions', ?, 'https://api.github.com', ?, now(), now())""")
                .params(provider, admin.organizationId(), "actions " + runId, admin.userId()).update();
        jdbc.sql("""
                INSERT INTO cicd_jobs (id, provider_id, project_id, environment_id, external_name, created_at, updated_at)
                VALUES (?, ?, ?, ?, 'deploy.yml', now(), now())""")
                .params(job, provider, projectId, UUID.fromString((String) environment.get("id"))).update();
        jdbc.sql("""
                INSERT INTO deployment_cicd_mappings (deployment_id, job_id, external_id, external_status, created_at,
                    updated_at) VALUES (?, ?, ?, 'queued', now(), now())""")
                .params(UUID.fromString(deployment), job, String.valueOf(runId)).update();

        ResponseEntity<Map<String, Object>> reported = deliver("workflow_run", """
                {"action": "completed", "workflow_run": {"id": %d, "status": "completed", "conclusion": "success",
                 "html_url": "https://github.com/acme/app/actions/runs/%d"}, "repository": %s}"""
                .formatted(runId, runId, repositoryJson("acme/audit-" + UUID.randomUUID(), repository)));
        assertThat(reported.getStatusCode().value()).as("%s", reported.getBody()).isEqualTo(202);
        expect(report(deployment, "{\"status\":\"success\"}", token, null), 200);

        List<AuditRecorded> entries = awaitEntries(admin.organizationId(), 5);
        assertThat(entries).extracting(AuditRecorded::action).containsExactly("project.created",
                "environment.created", "deployment.created", "deployment.status-reported",
                "deployment.status-reported");
        AuditRecorded run = entries.get(3);
        assertThat(run.actorType()).isEqualTo("webhook");
        assertThat(run.targetId()).isEqualTo(deployment);
        assertThat(run.before()).containsEntry("externalStatus", "queued");
        assertThat(run.after()).containsEntry("externalStatus", "success")
                .containsEntry("externalId", String.valueOf(runId));
        assertThat(entries.toString()).doesNotContain(token);
    }

    // ------------------------------------------------------------------ helpers

    private static void assertUser(AuditRecorded entry, Member member, String targetType, String targetId) {
        assertThat(entry.actorType()).as("%s", entry).isEqualTo("user");
        assertThat(entry.actorId()).as("%s", entry).isEqualTo(member.userId());
        assertThat(entry.targetType()).as("%s", entry).isEqualTo(targetType);
        assertThat(entry.targetId()).as("%s", entry).isEqualTo(targetId);
    }

    private static Map<String, Object> expect(ResponseEntity<Map<String, Object>> response, int status) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        return response.getBody();
    }

    private static void expectStatus(ResponseEntity<Map<String, Object>> response, int status) {
        expect(response, status);
    }

    /** The organization's audit entries on the topic, once there are at least {@code count} (in commit order). */
    private List<AuditRecorded> awaitEntries(UUID organizationId, int count) {
        List<AuditRecorded>[] found = new List[1];
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            found[0] = entries(organizationId);
            return found[0].size() >= count;
        });
        return found[0];
    }

    private List<AuditRecorded> entries(UUID organizationId) {
        Predicate<AuditRecorded> ours = entry -> organizationId.equals(entry.organizationId());
        return events(Topics.AUDIT_EVENTS, event -> event.data() instanceof AuditRecorded entry && ours.test(entry))
                .stream().map(event -> (AuditRecorded) event.data()).toList();
    }

    /** Waits until the callback target "runs" the deployment and waits for its report; returns the token. */
    private String awaitCallback(String deploymentId) {
        UUID id = UUID.fromString(deploymentId);
        await().atMost(Duration.ofSeconds(30)).until(() -> ci.started(id).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> count(
                "SELECT count(*) FROM deployments WHERE id = ? AND awaiting_callback", id) == 1);
        return ci.started(id).map(DeploymentContext::callbackToken).orElseThrow();
    }

    private ResponseEntity<Map<String, Object>> report(String deploymentId, String body, String token,
            String signature) {
        var request = http().patch().uri("/api/v1/deployments/" + deploymentId + "/status")
                .contentType(MediaType.APPLICATION_JSON).body(body.getBytes(StandardCharsets.UTF_8));
        if (token != null) {
            request.header("X-AutoDeploy-Token", token);
        }
        if (signature != null) {
            request.header("X-AutoDeploy-Signature", signature);
        }
        return request.retrieve().toEntity(JSON);
    }

    /** A signed GitHub push of {@code commit} to main of the test repository. */
    private ResponseEntity<Map<String, Object>> push(TestGitRemote repository, String commit) {
        return deliver("push", """
                {"ref": "refs/heads/main", "before": "%s", "after": "%s", "created": false, "deleted": false,
                 "forced": false, "pusher": {"name": "octocat"}, "repository": %s}"""
                .formatted("0".repeat(40), commit, repositoryJson("acme/audit-" + UUID.randomUUID(), repository)));
    }

    /** A pull request event from a branch {@code feature} of the test repository itself (not a fork). */
    private static String pullRequest(String action, int number, String sha, String fullName,
            TestGitRemote repository) {
        String repo = repositoryJson(fullName, repository);
        return """
                {"action": "%s", "number": %d, "repository": %s,
                 "pull_request": {"number": %d, "state": "open", "merged": false,
                   "head": {"ref": "feature", "sha": "%s", "repo": %s}, "base": {"ref": "main", "sha": "%s",
                   "repo": %s}}}""".formatted(action, number, repo, number, sha, repo, sha, repo);
    }

    private static String repositoryJson(String fullName, TestGitRemote repository) {
        return """
                {"id": 1, "name": "remote", "full_name": "%s", "clone_url": "%s"}"""
                .formatted(fullName, repository.fileUrl());
    }

    private ResponseEntity<Map<String, Object>> deliver(String event, String payload) {
        return http().post().uri("/api/v1/webhooks/github").contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", "sha256=" + hmac(GITHUB_SECRET, payload))
                .body(payload.getBytes(StandardCharsets.UTF_8)).retrieve().toEntity(JSON);
    }

    private static String hmac(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
