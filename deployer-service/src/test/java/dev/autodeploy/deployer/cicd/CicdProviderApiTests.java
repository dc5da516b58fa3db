package dev.autodeploy.deployer.cicd;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.CallbackTestTarget;
import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestProviderType;
import dev.autodeploy.support.membership.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registering CI/CD providers through the API: the secret is stored encrypted and never comes back, the type
 * checks each registration, admins manage and members read, other organizations see nothing, and a provider an
 * environment deploys with cannot be removed.
 */
class CicdProviderApiTests extends DeployerTest {

    private static final String PROVIDERS = "/api/v1/cicd-providers";

    @Test
    void registeredSecretIsEncryptedAtRestAndNeverReturned() {
        Member admin = member(Role.ADMIN);
        String secret = "s3cret-" + UUID.randomUUID();

        ResponseEntity<Map<String, Object>> created = post(PROVIDERS, registration(admin, "Build farm", secret),
                admin);

        assertThat(created.getStatusCode().value()).as("%s", created.getBody()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasToString(PROVIDERS + "/" + created.getBody().get("id"));
        assertThat(created.getBody()).containsEntry("type", TestProviderType.TYPE).containsEntry("name", "Build farm")
                .containsEntry("hasSecret", true).containsEntry("status", "unverified")
                .containsEntry("username", "deployer").containsEntry("settings", Map.of("project", "shop"))
                .doesNotContainKey("secret");
        Object id = created.getBody().get("id");
        assertThat(get(PROVIDERS + "/" + id, admin).getBody().toString()).doesNotContain(secret);
        assertThat(http().get().uri(PROVIDERS + "?organizationId=" + admin.organizationId())
                .header("Authorization", "Bearer " + admin.token()).retrieve().body(String.class))
                .doesNotContain(secret).contains("Build farm");
        String stored = jdbc.sql("SELECT encrypted_credentials FROM cicd_providers WHERE id = ?")
                .param(UUID.fromString((String) id)).query(String.class).single();
        assertThat(stored).isNotBlank().doesNotContain(secret);
    }

    @Test
    void connectionTestUsesTheStoredSecretAndRecordsTheOutcome() {
        Member admin = member(Role.ADMIN);
        Object good = post(PROVIDERS, registration(admin, "Good", TestProviderType.GOOD_SECRET), admin).getBody()
                .get("id");
        Object bad = post(PROVIDERS, registration(admin, "Bad", "wrong"), admin).getBody().get("id");

        ResponseEntity<Map<String, Object>> ok = post(PROVIDERS + "/" + good + "/test", null, admin);
        ResponseEntity<Map<String, Object>> refused = post(PROVIDERS + "/" + bad + "/test", null, admin);

        assertThat(ok.getStatusCode().value()).isEqualTo(200);
        assertThat(ok.getBody()).containsEntry("ok", true).containsEntry("status", "connected");
        assertThat(refused.getBody()).containsEntry("ok", false).containsEntry("status", "failing");
        assertThat((String) refused.getBody().get("detail")).contains("401").doesNotContain("wrong");
        assertThat(get(PROVIDERS + "/" + good, admin).getBody()).containsEntry("status", "connected")
                .containsKey("lastCheckedAt");
        assertThat(get(PROVIDERS + "/" + bad, admin).getBody()).containsEntry("status", "failing");

        ResponseEntity<Map<String, Object>> fixed = put(PROVIDERS + "/" + bad,
                Map.of("secret", TestProviderType.GOOD_SECRET), admin);
        assertThat(fixed.getBody()).containsEntry("status", "unverified");
        assertThat(post(PROVIDERS + "/" + bad + "/test", null, admin).getBody()).containsEntry("ok", true);
    }

    @Test
    void badRegistrationsAreRefusedWithAProblemAndNothingIsStored() {
        Member admin = member(Role.ADMIN);
        Map<String, Object> unknownType = new HashMap<>(registration(admin, "X", "s"));
        unknownType.put("type", "circleci");
        Map<String, Object> unknownSetting = new HashMap<>(registration(admin, "Y", "s"));
        unknownSetting.put("settings", Map.of("script", "rm -rf /"));
        Map<String, Object> notHttp = new HashMap<>(registration(admin, "Z", "s"));
        notHttp.put("baseUrl", "file:///etc/passwd");
        Map<String, Object> withCredentials = new HashMap<>(registration(admin, "W", "s"));
        withCredentials.put("baseUrl", "http://user:pass@localhost:8080");

        assertProblem(post(PROVIDERS, unknownType, admin), 422, "unknown-cicd-provider-type");
        assertProblem(post(PROVIDERS, unknownSetting, admin), 422, "invalid-cicd-provider-settings");
        assertProblem(post(PROVIDERS, notHttp, admin), 422, "invalid-cicd-provider-settings");
        assertProblem(post(PROVIDERS, withCredentials, admin), 422, "invalid-cicd-provider-settings");
        assertThat(post(PROVIDERS, Map.of("organizationId", admin.organizationId()), admin).getStatusCode().value())
                .isEqualTo(400);
        assertThat(count("SELECT count(*) FROM cicd_providers WHERE organization_id = ?", admin.organizationId()))
                .isZero();

        assertThat(post(PROVIDERS, registration(admin, "Once", "s"), admin).getStatusCode().value()).isEqualTo(201);
        assertProblem(post(PROVIDERS, registration(admin, "Once", "s"), admin), 409, "cicd-provider-name-taken");
    }

    @Test
    void adminsManageMembersReadAndOtherOrganizationsSeeNothing() {
        Member admin = member(Role.ADMIN);
        Member developer = member(admin.organizationId(), Role.DEVELOPER);
        Member viewer = member(admin.organizationId(), Role.VIEWER);
        Member outsider = member(Role.OWNER);
        Object id = post(PROVIDERS, registration(admin, "Shared", "s"), admin).getBody().get("id");

        assertThat(post(PROVIDERS, registration(developer, "Mine", "s"), developer).getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(PROVIDERS + "/" + id, viewer).getStatusCode().value()).isEqualTo(200);
        assertThat(put(PROVIDERS + "/" + id, Map.of("name", "Renamed"), viewer).getStatusCode().value())
                .isEqualTo(403);
        assertThat(list(get(PROVIDERS + "?organizationId=" + admin.organizationId(), viewer).getBody()
                .get("content"))).extracting(provider -> provider.get("name")).containsExactly("Shared");

        assertProblem(get(PROVIDERS + "/" + id, outsider), 404, "cicd-provider-not-found");
        assertProblem(put(PROVIDERS + "/" + id, Map.of("name", "Mine"), outsider), 404, "cicd-provider-not-found");
        assertProblem(post(PROVIDERS + "/" + id + "/test", null, outsider), 404, "cicd-provider-not-found");
        assertThat(delete(PROVIDERS + "/" + id, outsider)).isEqualTo(404);
        assertThat(get(PROVIDERS + "?organizationId=" + admin.organizationId(), outsider).getStatusCode().value())
                .isEqualTo(404);

        assertThat(put(PROVIDERS + "/" + id, Map.of("name", "Renamed"), admin).getBody())
                .containsEntry("name", "Renamed").containsEntry("hasSecret", true);
        assertThat(delete(PROVIDERS + "/" + id, admin)).isEqualTo(204);
        assertThat(get(PROVIDERS + "/" + id, admin).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void providerAnEnvironmentDeploysWithCannotBeRemoved() {
        Member admin = member(Role.ADMIN);
        Object id = post(PROVIDERS, registration(admin, "In use", "s"), admin).getBody().get("id");
        dev.autodeploy.testsupport.TestGitRemote repository = repository();
        String commit = repository.commit("site", dev.autodeploy.deployer.TestApps.staticSite("In use"));
        Map<String, Object> project = project(admin, repository, commit, Map.of("outputDirectory", "."));
        ResponseEntity<Map<String, Object>> environment = post("/api/v1/projects/" + project.get("id")
                + "/environments", Map.of("name", "staging", "target", CallbackTestTarget.ID,
                "settings", Map.of("providerId", id)), admin);
        assertThat(environment.getStatusCode().value()).as("%s", environment.getBody()).isEqualTo(201);

        Member outsider = member(Role.OWNER);
        Object foreign = post(PROVIDERS, registration(outsider, "Theirs", "s"), outsider).getBody().get("id");
        String environments = "/api/v1/projects/" + project.get("id") + "/environments";
        assertProblem(post(environments, Map.of("name", "theirs", "target", CallbackTestTarget.ID,
                "settings", Map.of("providerId", foreign)), admin), 422, "invalid-target-settings");
        assertProblem(post(environments, Map.of("name", "garbage", "target", CallbackTestTarget.ID,
                "settings", Map.of("providerId", "jenkins-1")), admin), 422, "invalid-target-settings");
        assertProblem(put(environments + "/staging", Map.of("settings", Map.of("providerId", foreign)), admin), 422,
                "invalid-target-settings");

        assertProblem(call(org.springframework.http.HttpMethod.DELETE, PROVIDERS + "/" + id, null, admin)
                .toEntity(JSON), 409, "cicd-provider-in-use");
        assertThat(get(PROVIDERS + "/" + id, admin).getStatusCode().value()).isEqualTo(200);
    }

    private static Map<String, Object> registration(Member member, String name, String secret) {
        return Map.of("organizationId", member.organizationId(), "type", TestProviderType.TYPE, "name", name,
                "baseUrl", "http://localhost:9", "username", "deployer", "secret", secret,
                "settings", Map.of("project", "shop"));
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String type) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/" + type);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
    }
}
