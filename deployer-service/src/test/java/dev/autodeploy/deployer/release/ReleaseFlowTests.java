package dev.autodeploy.deployer.release;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.events.AuditRecorded;
import dev.autodeploy.events.Topics;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Releases end to end on the local target with real Node.js apps from {@code file://} repositories: the immutable
 * release a ready deployment leaves, a rollback preview against a hand-built history (commits, variables and
 * migration levels that differ), rollbacks restoring the release's variables (or keeping today's), and the
 * commits rolled back from blocked — by an explicit rollback and by an automatic one.
 */
class ReleaseFlowTests extends DeployerTest {

    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @Test
    void aReadyDeploymentLeavesAnImmutableReleaseOfWhatItRanWith() {
        Member admin = member(Role.ADMIN);
        Member viewer = member(admin.organizationId(), Role.VIEWER);
        TestGitRemote repository = repository();
        String commit = repository.commit("v1", with(TestApps.nodeServer("v1"), "V1__init.sql", "V2__users.sql",
                "V10__audit.sql"));
        Object projectId = project(admin, repository, commit, migrations(TestApps.NODE_BUILD)).get("id");
        String secret = "sk-" + UUID.randomUUID();
        variable(admin, projectId, "API_KEY", secret, true);
        variable(admin, projectId, "GREETING", "hello", false);

        Map<String, Object> ready = deployed(admin, projectId);
        Object id = ready.get("id");

        ResponseEntity<Map<String, Object>> response = get("/api/v1/deployments/" + id + "/release", viewer);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        Map<String, Object> release = response.getBody();
        assertThat(release).containsEntry("deploymentId", id).containsEntry("commitSha", commit)
                .containsEntry("target", "local").containsEntry("artifactKind", "release-directory")
                .containsEntry("migrationLevel", "V10__audit.sql")
                .containsEntry("variablesVersion", ready.get("variablesVersion"))
                .containsEntry("variablesRestoredFrom", null);
        assertThat((String) release.get("digest")).matches("sha256:[0-9a-f]{64}");
        assertThat(map(release.get("buildConfiguration"))).containsEntry("migrationsPath", "db/migration")
                .containsEntry("startCommand", "node server.js");
        List<Map<String, Object>> variables = list(release.get("variables"));
        assertThat(variables).extracting(variable -> variable.get("key")).containsExactly("API_KEY", "GREETING");
        assertThat(variables).extracting(variable -> variable.get("secret")).containsExactly(true, false);
        assertThat(variables).allSatisfy(variable -> assertThat((String) variable.get("fingerprint"))
                .matches("hmac-sha256:[0-9a-f]{64}"));
        assertThat(release.toString()).doesNotContain(secret).doesNotContain("hello");
        assertThat(jdbc.sql("SELECT value_encrypted FROM release_variables WHERE deployment_id = ?::uuid")
                .param(id).query(String.class).list()).noneMatch(value -> value.contains(secret));

        // History is not edited.
        assertThatThrownBy(() -> jdbc.sql("UPDATE releases SET commit_sha = 'x' WHERE deployment_id = ?::uuid")
                .param(id).update()).isInstanceOf(DataAccessException.class).hasMessageContaining("immutable");
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM releases WHERE deployment_id = ?::uuid").param(id).update())
                .isInstanceOf(DataAccessException.class);
        assertThatThrownBy(() -> jdbc.sql("UPDATE release_variables SET fingerprint = 'x' WHERE deployment_id = ?::uuid")
                .param(id).update()).isInstanceOf(DataAccessException.class);

        // Another organization's deployment is not there; one that never reached ready has no release.
        assertThat(get("/api/v1/deployments/" + id + "/release", stranger()).getStatusCode().value()).isEqualTo(404);
        repository.commit("broken build", TestApps.buildFailing());
        Object failed = awaitStatus(admin, deploy(admin, projectId, Map.of()).get("id"), "error").get("id");
        ResponseEntity<Map<String, Object>> none = get("/api/v1/deployments/" + failed + "/release", viewer);
        assertThat(none.getStatusCode().value()).isEqualTo(404);
        assertThat(none.getBody()).containsEntry("type", PROBLEMS + "release-not-found");
        ResponseEntity<Map<String, Object>> noPreview = get("/api/v1/deployments/" + failed + "/rollback/preview",
                admin);
        assertThat(noPreview.getStatusCode().value()).isEqualTo(409);
        assertThat(noPreview.getBody()).containsEntry("type", PROBLEMS + "no-release-to-roll-back-to");
        assertThat(get("/api/v1/deployments/" + id + "/rollback/preview", viewer).getStatusCode().value())
                .as("previewing is a developer's").isNotEqualTo(200);

        // Deleting the project still takes its history with it.
        assertThat(delete("/api/v1/projects/" + projectId, admin)).isEqualTo(204);
        assertThat(count("SELECT count(*) FROM releases WHERE project_id = ?::uuid", projectId)).isZero();
        assertThat(count("SELECT count(*) FROM release_variables WHERE deployment_id = ?::uuid", id)).isZero();
    }

    @Test
    void rollbackPreviewSaysWhatARollbackWouldChangeAndTheRollbackRestoresTheReleasesVariables() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String c1 = repository.commit("v1", with(TestApps.nodeServer("v1"), "V1__init.sql", "V2__users.sql"));
        Object projectId = project(admin, repository, c1, migrations(TestApps.NODE_BUILD)).get("id");
        String k1 = "key-one-" + UUID.randomUUID();
        String k2 = "key-two-is-longer-" + UUID.randomUUID();
        variable(admin, projectId, "GREETING", "hello", false);
        variable(admin, projectId, "API_KEY", k1, true);
        variable(admin, projectId, "OLD", "x", false);
        Object d1 = deployed(admin, projectId).get("id");

        String c2 = repository.commit("v2", with(TestApps.nodeServer("v2"), "V3__posts.sql"));
        assertThat(put("/api/v1/projects/" + projectId + "/env/GREETING", Map.of("value", "hi"), admin)
                .getStatusCode().value()).isEqualTo(200);
        assertThat(delete("/api/v1/projects/" + projectId + "/env/OLD", admin)).isEqualTo(204);
        variable(admin, projectId, "NEW", "y", false);
        Object d2 = deployed(admin, projectId).get("id");

        String c3 = repository.commit("v3", with(TestApps.nodeServer("v3"), "V10__audit.sql"));
        assertThat(put("/api/v1/projects/" + projectId + "/env/API_KEY", Map.of("value", k2), admin)
                .getStatusCode().value()).isEqualTo(200);
        Map<String, Object> third = deployed(admin, projectId);
        Object d3 = third.get("id");
        String url = (String) third.get("url");
        assertThat(app(url).body()).isEqualTo("v3 hi key-length=" + k2.length() + " db=no");

        // Back to the first release: every kind of variable change, the schema two levels behind.
        Map<String, Object> toFirst = preview(admin, d1, false);
        assertThat(toFirst).containsEntry("deploymentId", d1).containsEntry("environment", "production")
                .containsEntry("direction", "backward").containsEntry("blocksCommit", c3)
                .containsEntry("keepCurrentVariables", false);
        assertThat(map(toFirst.get("current"))).containsEntry("deploymentId", d3).containsEntry("commitSha", c3);
        assertThat(map(toFirst.get("target"))).containsEntry("deploymentId", d1).containsEntry("commitSha", c1);
        // The commit range, read from the repository: what the environment would stop running.
        Map<String, Object> range = map(toFirst.get("commits"));
        assertThat(range).containsEntry("from", c3).containsEntry("to", c1).containsEntry("commitsAvailable", true)
                .containsEntry("added", List.of()).containsEntry("complete", true).containsEntry("note", null);
        assertThat(list(range.get("removed"))).extracting(commit -> commit.get("sha")).containsExactly(c3, c2);
        assertThat(list(range.get("removed"))).extracting(commit -> commit.get("title")).containsExactly("v3", "v2");
        assertThat(list(range.get("removed"))).allSatisfy(commit -> assertThat(commit.get("author")).isNotNull());
        assertThat(map(toFirst.get("variables"))).isEqualTo(Map.of("comparedWith", "release",
                "added", List.of("OLD"), "removed", List.of("NEW"), "changed", List.of("API_KEY", "GREETING"),
                "note", ReleaseViews.VARIABLES_NOTE));
        assertThat(map(toFirst.get("migration"))).isEqualTo(Map.of("current", "V10__audit.sql",
                "target", "V2__users.sql", "backwards", true));
        assertThat(list(toFirst.get("risks"))).singleElement().satisfies(risk -> {
            assertThat(risk).containsEntry("type", "migration-downgrade");
            assertThat((String) risk.get("message")).contains("V10__audit.sql").contains("V2__users.sql");
        });
        Map<String, Object> notBlocked = new HashMap<>();
        notBlocked.put("blocked", false);
        notBlocked.put("reason", null);
        assertThat(map(toFirst.get("targetCommit"))).isEqualTo(notBlocked);
        assertThat(toFirst.toString()).doesNotContain(k1).doesNotContain(k2).doesNotContain("hello");

        // One step back: only the secret differs; V3 is below V10 (numerically, not as text).
        Map<String, Object> toSecond = preview(admin, d2, false);
        assertThat(map(toSecond.get("variables"))).containsEntry("added", List.of()).containsEntry("removed",
                List.of()).containsEntry("changed", List.of("API_KEY"));
        assertThat(map(toSecond.get("migration"))).isEqualTo(Map.of("current", "V10__audit.sql",
                "target", "V3__posts.sql", "backwards", true));
        assertThat(map(toSecond.get("commits"))).containsEntry("from", c3).containsEntry("to", c2);
        assertThat(list(map(toSecond.get("commits")).get("removed"))).extracting(commit -> commit.get("sha"))
                .containsExactly(c3);

        // Keeping today's variables compares with those instead (a variable added since the last deployment).
        variable(admin, projectId, "EXTRA", "z", false);
        Map<String, Object> keeping = preview(admin, d1, true);
        assertThat(map(keeping.get("variables"))).isEqualTo(Map.of("comparedWith", "current",
                "added", List.of("EXTRA"), "removed", List.of(), "changed", List.of(),
                "note", ReleaseViews.VARIABLES_NOTE));
        assertThat(keeping).containsEntry("keepCurrentVariables", true);
        assertThat(map(keeping.get("migration"))).containsEntry("backwards", true);

        // What the environment serves: nothing changes.
        Map<String, Object> same = preview(admin, d3, false);
        assertThat(same).containsEntry("direction", "same").containsEntry("blocksCommit", null);
        assertThat(map(same.get("variables"))).containsEntry("added", List.of()).containsEntry("removed", List.of())
                .containsEntry("changed", List.of());
        assertThat(list(same.get("risks"))).isEmpty();
        assertThat(map(same.get("commits"))).containsEntry("commitsAvailable", true).containsEntry("removed", List.of())
                .containsEntry("added", List.of());

        // The rollback runs with the first release's variables; the environment's stored ones stay as they are.
        ResponseEntity<Map<String, Object>> rollback = post("/api/v1/deployments/" + d1 + "/rollback", null, admin);
        assertThat(rollback.getStatusCode().value()).as("%s", rollback.getBody()).isEqualTo(201);
        Object r1 = awaitStatus(admin, rollback.getBody().get("id"), "ready").get("id");
        assertThat(app(url).body()).isEqualTo("v1 hello key-length=" + k1.length() + " db=no");
        Map<String, Object> stored = get("/api/v1/projects/" + projectId + "/env", admin).getBody();
        assertThat(list(stored.get("variables"))).extracting(variable -> variable.get("key"))
                .containsExactly("API_KEY", "EXTRA", "GREETING", "NEW");
        assertThat(list(stored.get("variables"))).filteredOn(variable -> "GREETING".equals(variable.get("key")))
                .singleElement().satisfies(variable -> assertThat(variable).containsEntry("value", "hi"));
        Map<String, Object> restored = get("/api/v1/deployments/" + r1 + "/release", admin).getBody();
        assertThat(restored).containsEntry("variablesRestoredFrom", d1).containsEntry("commitSha", c1)
                .containsEntry("migrationLevel", "V2__users.sql");
        assertThat(list(restored.get("variables"))).extracting(variable -> variable.get("key"))
                .containsExactly("API_KEY", "GREETING", "OLD");
        assertThat(list(restored.get("variables"))).extracting(variable -> variable.get("fingerprint"))
                .containsExactlyElementsOf(list(get("/api/v1/deployments/" + d1 + "/release", admin).getBody()
                        .get("variables")).stream().map(variable -> variable.get("fingerprint")).toList());

        // The commit rolled back from is blocked in the environment, by the user who rolled back.
        List<Map<String, Object>> blocked = blockedCommits(admin, projectId);
        assertThat(blocked).singleElement().satisfies(block -> {
            assertThat(block).containsEntry("commitSha", c3).containsEntry("blockedByType", "user")
                    .containsEntry("blockedBy", admin.userId().toString()).containsEntry("blockedFromDeploymentId", d3)
                    .containsEntry("rollbackDeploymentId", r1).containsEntry("active", true)
                    .containsEntry("skippedCount", 0);
            assertThat((String) block.get("reason")).startsWith("rolled back from on ");
        });
        Map<String, Object> forward = preview(admin, d3, false);
        assertThat(map(forward.get("targetCommit"))).containsEntry("blocked", true);
        assertThat(forward).as("by the history, though d3's release is older than the rollback's")
                .containsEntry("direction", "forward");
        assertThat(list(map(forward.get("commits")).get("added"))).extracting(commit -> commit.get("sha"))
                .containsExactly(c3, c2);

        // Asked to keep today's variables, a rollback runs with them.
        ResponseEntity<Map<String, Object>> keep = post("/api/v1/deployments/" + d2 + "/rollback",
                Map.of("keepCurrentVariables", true), admin);
        assertThat(keep.getStatusCode().value()).as("%s", keep.getBody()).isEqualTo(201);
        Object r2 = awaitStatus(admin, keep.getBody().get("id"), "ready").get("id");
        assertThat(app(url).body()).isEqualTo("v2 hi key-length=" + k2.length() + " db=no");
        Map<String, Object> kept = get("/api/v1/deployments/" + r2 + "/release", admin).getBody();
        assertThat(kept).containsEntry("variablesRestoredFrom", null);
        assertThat(list(kept.get("variables"))).extracting(variable -> variable.get("key"))
                .containsExactly("API_KEY", "EXTRA", "GREETING", "NEW");
        assertThat(blockedCommits(admin, projectId)).extracting(block -> block.get("commitSha"))
                .containsExactly(c1, c3);
    }

    @Test
    void aCommitRolledBackAutomaticallyIsBlockedAndAManualDeployOfItNeedsForce() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String good = repository.commit("v1", TestApps.nodeServer("v1"));
        Object projectId = project(developer, repository, good, TestApps.NODE_BUILD).get("id");
        Object first = deployed(developer, projectId).get("id");
        String crashing = repository.commit("crash at start", TestApps.crashingServer());
        Object crashed = awaitStatus(developer, deploy(developer, projectId, Map.of()).get("id"), "error").get("id");

        assertThat(blockedCommits(developer, projectId)).singleElement().satisfies(block -> {
            assertThat(block).containsEntry("commitSha", crashing).containsEntry("blockedByType", "system")
                    .containsEntry("blockedBy", null).containsEntry("blockedFromDeploymentId", crashed)
                    .containsEntry("rollbackDeploymentId", null);
            assertThat((String) block.get("reason")).contains("rolled back automatically");
        });
        await().untilAsserted(() -> assertThat(events(Topics.AUDIT_EVENTS, event -> event.data()
                instanceof AuditRecorded audit && developer.organizationId().equals(audit.organizationId())
                && "commit.blocked".equals(audit.action())))
                .singleElement().satisfies(event -> {
                    AuditRecorded audit = (AuditRecorded) event.data();
                    assertThat(audit.actorType()).isEqualTo("system");
                    assertThat(audit.after()).containsEntry("commitSha", crashing)
                            .containsEntry("blockedFromDeploymentId", crashed);
                }));

        ResponseEntity<Map<String, Object>> refused = post("/api/v1/projects/" + projectId + "/deployments",
                Map.of("commitSha", crashing), developer);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("type", PROBLEMS + "commit-blocked");
        assertThat((String) refused.getBody().get("detail")).contains("Commit " + crashing.substring(0, 7)
                + " is blocked in this environment: rolled back from on ");
        assertThat(count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", projectId)).isEqualTo(2);

        Map<String, Object> forced = deploy(developer, projectId, Map.of("commitSha", crashing, "force", true));
        awaitStatus(developer, forced.get("id"), "error");
        assertThat(list(get("/api/v1/projects/" + projectId, developer).getBody().get("environments")).getFirst())
                .containsEntry("currentDeploymentId", first);
    }

    private Map<String, Object> preview(Member member, Object deploymentId, boolean keepCurrentVariables) {
        ResponseEntity<Map<String, Object>> response = get("/api/v1/deployments/" + deploymentId
                + "/rollback/preview" + (keepCurrentVariables ? "?keepCurrentVariables=true" : ""), member);
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> blockedCommits(Member member, Object projectId) {
        List<Map<String, Object>> blocks = http().get()
                .uri("/api/v1/projects/" + projectId + "/environments/production/blocked-commits")
                .header("Authorization", "Bearer " + member.token()).retrieve().body(List.class);
        return blocks;
    }

    private void variable(Member admin, Object projectId, String key, String value, boolean secret) {
        ResponseEntity<Map<String, Object>> created = post("/api/v1/projects/" + projectId + "/env",
                Map.of("key", key, "value", value, "secret", secret), admin);
        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
    }

    private static Map<String, String> with(Map<String, String> files, String... migrations) {
        Map<String, String> all = new LinkedHashMap<>(files);
        for (String migration : migrations) {
            all.put("db/migration/" + migration, "-- " + migration + "\n");
        }
        return all;
    }

    private static Map<String, String> migrations(Map<String, String> build) {
        Map<String, String> all = new LinkedHashMap<>(build);
        all.put("migrationsPath", "db/migration");
        return all;
    }
}
