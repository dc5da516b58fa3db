package dev.autodeploy.deployer.envvar;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Environment variables over HTTP on real infrastructure: secret values stored only as ciphertext and never in
 * a response, {@code .env} import all or nothing, every change bumping the environment's variables version,
 * admins change and viewers read.
 */
class VariableApiTests extends DeployerTest {

    private Member admin;
    private String env;
    private UUID projectId;

    @BeforeEach
    void project() {
        admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", Map.of("index.html", "hi"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        projectId = UUID.fromString((String) project.get("id"));
        env = "/api/v1/projects/" + projectId + "/env";
    }

    @Test
    void secretValuesAreEncryptedAtRestAndNeverReturned() {
        String secret = "pk_live_" + UUID.randomUUID();
        ResponseEntity<Map<String, Object>> created = post(env, Map.of("key", "STRIPE_KEY", "value", secret,
                "secret", true), admin);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("key", "STRIPE_KEY").containsEntry("secret", true)
                .containsEntry("value", null);
        post(env, Map.of("key", "NODE_ENV", "value", "production"), admin);

        Map<String, Object> listed = get(env, admin).getBody();
        assertThat(listed).containsEntry("environment", "production").containsEntry("version", 2);
        assertThat(list(listed.get("variables"))).extracting(v -> v.get("key") + "=" + v.get("value"))
                .containsExactly("NODE_ENV=production", "STRIPE_KEY=null");
        assertThat(listed.toString()).doesNotContain(secret);

        Map<String, Object> row = jdbc.sql("SELECT value, encrypted_value FROM environment_variables"
                + " WHERE key = 'STRIPE_KEY' AND environment_id = (SELECT id FROM environments WHERE project_id = ?)")
                .param(projectId).query().singleRow();
        assertThat(row.get("value")).isNull();
        assertThat((String) row.get("encrypted_value")).isNotBlank().doesNotContain(secret);

        ResponseEntity<Map<String, Object>> changed = put(env + "/STRIPE_KEY", Map.of("value", secret + "-2"), admin);
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody()).containsEntry("secret", true).containsEntry("value", null);
        ResponseEntity<Map<String, Object>> plain = put(env + "/NEW_ONE", Map.of("value", "x"), admin);
        assertThat(plain.getStatusCode().value()).isEqualTo(201);
        assertThat(get(env, admin).getBody()).containsEntry("version", 4);
    }

    @Test
    void keysAreCheckedAndTheTargetsOwnAreReserved() {
        assertThat(post(env, Map.of("key", "1BAD", "value", "x"), admin).getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map<String, Object>> port = post(env, Map.of("key", "PORT", "value", "80"), admin);
        assertThat(port.getStatusCode().value()).isEqualTo(422);
        assertThat(port.getBody()).containsEntry("type", "https://autodeploy.dev/problems/reserved-variable");
        post(env, Map.of("key", "A", "value", "1"), admin);
        ResponseEntity<Map<String, Object>> twice = post(env, Map.of("key", "A", "value", "2"), admin);
        assertThat(twice.getStatusCode().value()).isEqualTo(409);
        assertThat(delete(env + "/MISSING", admin)).isEqualTo(404);
        assertThat(delete(env + "/A", admin)).isEqualTo(204);
        assertThat(get(env + "?environment=staging", admin).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void dotenvTextIsImportedWholeOrNotAtAll() {
        post(env, Map.of("key", "KEEP", "value", "old"), admin);
        ResponseEntity<Map<String, Object>> broken = post(env + "/import", Map.of("content",
                "GOOD=1\nnot a line\nexport TOKEN=\"abc\"\nPORT=3000\n"), admin);
        assertThat(broken.getStatusCode().value()).isEqualTo(422);
        assertThat(broken.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-dotenv");
        assertThat(list(broken.getBody().get("problems"))).extracting(p -> p.get("line")).containsExactly(2, 4);
        assertThat(broken.getBody().toString()).doesNotContain("abc");
        assertThat(get(env, admin).getBody()).containsEntry("version", 1);

        ResponseEntity<Map<String, Object>> imported = post(env + "/import", Map.of("content", """
                # database
                DATABASE_URL="postgres://u:p@db/shop"
                export API_KEY='k y'
                KEEP=new
                MULTI="line 1
                line 2"
                KEEP=newer
                """, "secret", true, "overwrite", false), admin);
        assertThat(imported.getStatusCode().value()).as("%s", imported.getBody()).isEqualTo(200);
        assertThat(imported.getBody()).containsEntry("created", List.of("DATABASE_URL", "API_KEY", "MULTI"))
                .containsEntry("skipped", List.of("KEEP")).containsEntry("duplicates", List.of("KEEP"));
        assertThat(list(get(env, admin).getBody().get("variables"))).extracting(v -> v.get("key") + ":"
                + v.get("secret")).containsExactly("API_KEY:true", "DATABASE_URL:true", "KEEP:false", "MULTI:true");

        ResponseEntity<Map<String, Object>> text = post(env + "/import?overwrite=true", "KEEP=from-text\n", admin);
        assertThat(text.getStatusCode().value()).isEqualTo(200);
        assertThat(list(get(env, admin).getBody().get("variables"))).filteredOn(v -> "KEEP".equals(v.get("key")))
                .singleElement().satisfies(v -> assertThat(v).containsEntry("value", "from-text"));
    }

    @Test
    void adminsChangeVariablesViewersOnlyReadAndOutsidersSeeNothing() {
        Member developer = member(admin.organizationId(), Role.DEVELOPER);
        Member viewer = member(admin.organizationId(), Role.VIEWER);
        post(env, Map.of("key", "A", "value", "1"), admin);

        assertThat(get(env, viewer).getStatusCode().value()).isEqualTo(200);
        assertThat(post(env, Map.of("key", "B", "value", "1"), developer).getStatusCode().value()).isEqualTo(403);
        assertThat(put(env + "/A", Map.of("value", "2"), developer).getStatusCode().value()).isEqualTo(403);
        assertThat(delete(env + "/A", viewer)).isEqualTo(403);
        assertThat(post(env + "/import", Map.of("content", "B=1"), developer).getStatusCode().value()).isEqualTo(403);
        assertThat(get(env, member(Role.OWNER)).getStatusCode().value()).isEqualTo(404);
        assertThat(get(env, admin).getBody()).containsEntry("version", 1);
    }
}
