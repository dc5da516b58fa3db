package dev.autodeploy.analyzer.repository;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.analyzer.AnalyzerTest;
import dev.autodeploy.analyzer.TestRepositories;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Registering Git URLs: the SSRF guard, credentials, duplicates, the default branch, roles and other organizations. */
@ExtendWith(OutputCaptureExtension.class)
class RepositoryRegistrationTests extends AnalyzerTest {

    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @TempDir
    Path temp;

    @Test
    void aFileRepositoryIsRegisteredWithTheDefaultBranchItsHeadNames() {
        Member developer = member(Role.DEVELOPER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "trunk")) {
            remote.commit("first", TestRepositories.expressApp());

            ResponseEntity<Map<String, Object>> created = post("/api/v1/repositories",
                    Map.of("organizationId", developer.organizationId(), "url", remote.fileUrl()), developer);

            assertThat(created.getStatusCode().value()).isEqualTo(201);
            Map<String, Object> repository = created.getBody();
            assertThat(repository).containsEntry("organizationId", developer.organizationId().toString())
                    .containsEntry("provider", "git").containsEntry("url", remote.fileUrl())
                    .containsEntry("defaultBranch", "trunk").containsEntry("fullName", "remote")
                    .containsEntry("private", false).containsEntry("createdBy", developer.userId().toString());
            assertThat(created.getHeaders().getLocation()).hasToString("/api/v1/repositories/" + repository.get("id"));
            assertThat(get("/api/v1/repositories/" + repository.get("id"), developer).getBody())
                    .containsEntry("url", remote.fileUrl());
        }
    }

    @Test
    void aGivenDefaultBranchIsTakenWithoutAskingTheRemote() {
        Member developer = member(Role.DEVELOPER);
        ResponseEntity<Map<String, Object>> created = post("/api/v1/repositories", Map.of("organizationId",
                developer.organizationId(), "url", "file:///nowhere/yet.git", "defaultBranch", "develop"), developer);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody()).containsEntry("defaultBranch", "develop").containsEntry("fullName", "yet");
    }

    @Test
    void internalTargetsAreRefusedAndNothingIsStored(CapturedOutput output) {
        Member developer = member(Role.DEVELOPER);
        Map<String, String> refused = Map.of(
                "https://127.0.0.1/acme/app.git", "unsafe-repository-host",
                "https://localhost:8443/acme/app.git", "unsafe-repository-host",
                "https://10.0.0.5/acme/app.git", "unsafe-repository-host",
                "https://169.254.169.254/latest/meta-data", "unsafe-repository-host",
                "https://[::1]/acme/app.git", "unsafe-repository-host",
                "https://[::ffff:192.168.1.10]/acme/app.git", "unsafe-repository-host",
                "https://100.64.0.1/acme/app.git", "unsafe-repository-host",
                "https://0.0.0.0/acme/app.git", "unsafe-repository-host",
                "https://[fd00::1]/acme/app.git", "unsafe-repository-host",
                "https://[fe80::1]/acme/app.git", "unsafe-repository-host");
        refused.forEach((url, type) -> {
            ResponseEntity<Map<String, Object>> answer = post("/api/v1/repositories",
                    Map.of("organizationId", developer.organizationId(), "url", url), developer);
            assertThat(answer.getStatusCode().value()).as(url).isEqualTo(422);
            assertThat(answer.getBody()).as(url).containsEntry("type", PROBLEMS + type);
        });
        assertThat(rows("repositories", "organization_id", developer.organizationId())).isZero();
    }

    @Test
    void unsupportedUrlsAndUrlsWithCredentialsAreRefusedWithoutRepeatingThem(CapturedOutput output) {
        Member developer = member(Role.DEVELOPER);
        String token = "ghp_" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> refused = Map.of(
                "https://x-access-token:" + token + "@github.com/acme/app.git", "credentials-in-url",
                "https://" + token + "@github.com/acme/app.git", "credentials-in-url",
                "git@github.com:acme/app.git", "unsupported-repository-url",
                "ssh://git@github.com/acme/app.git", "unsupported-repository-url",
                "http://github.com/acme/app.git", "unsupported-repository-url",
                "ftp://example.com/app.git", "unsupported-repository-url",
                "not a url at all", "unsupported-repository-url");
        refused.forEach((url, type) -> {
            ResponseEntity<Map<String, Object>> answer = post("/api/v1/repositories",
                    Map.of("organizationId", developer.organizationId(), "url", url), developer);
            assertThat(answer.getStatusCode().value()).as(url).isEqualTo(422);
            assertThat(answer.getBody()).as(url).containsEntry("type", PROBLEMS + type);
            assertThat(answer.getBody().toString()).doesNotContain(token);
        });
        assertThat(rows("repositories", "organization_id", developer.organizationId())).isZero();
        assertThat(output.getAll()).doesNotContain(token);
    }

    @Test
    void anUnreachableRemoteIsRefusedWithAReason() {
        Member developer = member(Role.DEVELOPER);
        ResponseEntity<Map<String, Object>> answer = post("/api/v1/repositories", Map.of("organizationId",
                developer.organizationId(), "url", "file://" + temp.resolve("missing.git")), developer);
        assertThat(answer.getStatusCode().value()).isEqualTo(422);
        assertThat(answer.getBody()).containsEntry("type", PROBLEMS + "repository-unreachable");
        assertThat(rows("repositories", "organization_id", developer.organizationId())).isZero();
    }

    @Test
    void theSameUrlTwiceInOneOrganizationIsAConflictButAnotherOrganizationMayHaveIt() {
        Member developer = member(Role.DEVELOPER);
        Member elsewhere = member(Role.DEVELOPER);
        try (TestGitRemote remote = TestGitRemote.create(temp, "main")) {
            remote.commit("first", TestRepositories.expressApp());
            register(remote.fileUrl(), developer);

            ResponseEntity<Map<String, Object>> again = post("/api/v1/repositories",
                    Map.of("organizationId", developer.organizationId(), "url", remote.fileUrl()), developer);
            assertThat(again.getStatusCode().value()).isEqualTo(409);
            assertThat(again.getBody()).containsEntry("type", PROBLEMS + "repository-already-registered");
            assertThat(rows("repositories", "organization_id", developer.organizationId())).isEqualTo(1);
            assertThat(register(remote.fileUrl(), elsewhere)).containsEntry("url", remote.fileUrl());
        }
    }

    @Test
    void badInputIsA400Problem() {
        Member developer = member(Role.DEVELOPER);
        ResponseEntity<Map<String, Object>> missing = post("/api/v1/repositories", Map.of("url", "https://x.dev/a.git"),
                developer);
        assertThat(missing.getStatusCode().value()).isEqualTo(400);
        assertThat(missing.getBody()).containsEntry("type", PROBLEMS + "validation");
        ResponseEntity<Map<String, Object>> branch = post("/api/v1/repositories", Map.of("organizationId",
                developer.organizationId(), "url", "https://x.dev/a.git", "defaultBranch", "--upload-pack=evil"),
                developer);
        assertThat(branch.getStatusCode().value()).isEqualTo(400);
        assertThat(get("/api/v1/repositories", developer).getStatusCode().value()).isEqualTo(400);
        assertThat(get("/api/v1/repositories?organizationId=nope", developer).getStatusCode().value()).isEqualTo(400);
        assertThat(get("/api/v1/repositories?organizationId=" + developer.organizationId() + "&sort=url",
                developer).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void listingIsPaginatedWithTotalsAndSortedByName() {
        Member developer = member(Role.DEVELOPER);
        for (String name : List.of("charlie", "alpha", "bravo")) {
            post("/api/v1/repositories", Map.of("organizationId", developer.organizationId(),
                    "url", "file:///srv/git/" + name + ".git", "defaultBranch", "main"), developer);
        }
        Member viewer = member(developer.organizationId(), Role.VIEWER);

        Map<String, Object> first = get("/api/v1/repositories?organizationId=" + developer.organizationId() + "&size=2",
                viewer).getBody();
        assertThat(content(first)).extracting(r -> r.get("fullName")).containsExactly("alpha", "bravo");
        assertThat(map(first.get("page"))).containsEntry("totalElements", 3).containsEntry("totalPages", 2)
                .containsEntry("size", 2).containsEntry("number", 0);
        Map<String, Object> second = get("/api/v1/repositories?organizationId=" + developer.organizationId()
                + "&size=2&page=1", viewer).getBody();
        assertThat(content(second)).extracting(r -> r.get("fullName")).containsExactly("charlie");
    }

    @Test
    void viewersReadDevelopersRegisterAdminsRemoveAndOtherOrganizationsSeeNothing() {
        Member developer = member(Role.DEVELOPER);
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        Member admin = member(developer.organizationId(), Role.ADMIN);
        Member outsider = member(Role.OWNER);
        Map<String, Object> repository = post("/api/v1/repositories", Map.of("organizationId",
                developer.organizationId(), "url", "file:///srv/git/rbac.git", "defaultBranch", "main"), developer)
                .getBody();
        String path = "/api/v1/repositories/" + repository.get("id");

        assertThat(post("/api/v1/repositories", Map.of("organizationId", developer.organizationId(),
                "url", "file:///srv/git/viewer.git", "defaultBranch", "main"), viewer).getStatusCode().value())
                .isEqualTo(403);
        assertThat(get(path, viewer).getStatusCode().value()).isEqualTo(200);

        ResponseEntity<Map<String, Object>> hidden = get(path, outsider);
        assertThat(hidden.getStatusCode().value()).isEqualTo(404);
        assertThat(hidden.getBody()).containsEntry("type", PROBLEMS + "repository-not-found");
        assertThat(hidden.getBody()).isEqualTo(withoutRequestId(get("/api/v1/repositories/" + UUID.randomUUID(),
                outsider).getBody(), hidden.getBody()));
        assertThat(delete(path, outsider)).isEqualTo(404);
        assertThat(post("/api/v1/repositories", Map.of("organizationId", developer.organizationId(),
                "url", "file:///srv/git/outsider.git", "defaultBranch", "main"), outsider).getStatusCode().value())
                .isEqualTo(404);

        assertThat(delete(path, developer)).isEqualTo(403);
        assertThat(delete(path, admin)).isEqualTo(204);
        assertThat(get(path, admin).getStatusCode().value()).isEqualTo(404);
    }

    /** Two problems compared apart from their request id and instance. */
    private static Map<String, Object> withoutRequestId(Map<String, Object> problem, Map<String, Object> like) {
        Map<String, Object> copy = new java.util.HashMap<>(problem);
        copy.put("requestId", like.get("requestId"));
        copy.put("instance", like.get("instance"));
        return copy;
    }
}
