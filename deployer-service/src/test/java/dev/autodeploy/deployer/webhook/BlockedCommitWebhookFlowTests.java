package dev.autodeploy.deployer.webhook;

import java.nio.charset.StandardCharsets;
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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A commit an environment was rolled back from, end to end with signed GitHub pushes and the local target: the
 * push of it is skipped with the reason (and counted), a newer commit deploys, the old one stays blocked until a
 * user unblocks it, and then it deploys again.
 */
class BlockedCommitWebhookFlowTests extends DeployerTest {

    /** The secret application-test.yml configures. */
    private static final String SECRET = "test-only-github-webhook-secret";
    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @Test
    void aCommitRolledBackFromIsSkippedByPushesUntilUnblockedWhileNewerCommitsDeploy() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String c1 = repository.commit("v1", TestApps.staticSite("v1"));
        Map<String, Object> project = project(developer, repository, c1, Map.of("outputDirectory", "."));
        Object projectId = project.get("id");
        Object d1 = deployed(developer, projectId).get("id");
        String c2 = repository.commit("v2", TestApps.staticSite("v2"));
        awaitStatus(developer, accepted(repository, c2), "ready");
        String url = url(developer, projectId);
        assertThat(app(url).body()).contains("v2");

        ResponseEntity<Map<String, Object>> rollback = post("/api/v1/deployments/" + d1 + "/rollback", null,
                developer);
        assertThat(rollback.getStatusCode().value()).as("%s", rollback.getBody()).isEqualTo(201);
        awaitStatus(developer, rollback.getBody().get("id"), "ready");
        assertThat(app(url).body()).contains("v1");
        long deployments = count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", projectId);

        // GitHub delivers the rolled-back commit again: skipped, with the reason, and counted.
        ResponseEntity<Map<String, Object>> skipped = deliver("push", UUID.randomUUID().toString(),
                push(repository, c2));
        assertThat(skipped.getStatusCode().value()).as("%s", skipped.getBody()).isEqualTo(202);
        assertThat(skipped.getBody()).containsEntry("result", "skipped").containsEntry("deployments", List.of());
        String reason = "commit " + c2.substring(0, 7) + " is blocked in production: rolled back from on ";
        assertThat((String) skipped.getBody().get("detail")).startsWith("Not deploying: " + reason);
        assertThat(list(skipped.getBody().get("skipped"))).singleElement().satisfies(skip -> {
            assertThat(skip).containsEntry("environment", "production").containsEntry("commitSha", c2);
            assertThat(skip).containsEntry("reason", "commit-blocked");
            assertThat((String) skip.get("detail")).startsWith(reason);
        });
        assertThat(count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", projectId))
                .isEqualTo(deployments);
        assertThat(blocked(developer, projectId)).singleElement().satisfies(block -> {
            assertThat(block).containsEntry("commitSha", c2).containsEntry("active", true)
                    .containsEntry("skippedCount", 1).containsEntry("blockedByType", "user");
            assertThat(block.get("lastSkippedAt")).isNotNull();
        });

        // Nor does a user deploy it by hand without saying so.
        ResponseEntity<Map<String, Object>> refused = post("/api/v1/projects/" + projectId + "/deployments",
                Map.of("commitSha", c2), developer);
        assertThat(refused.getStatusCode().value()).isEqualTo(409);
        assertThat(refused.getBody()).containsEntry("type", PROBLEMS + "commit-blocked");

        // A newer commit deploys; the old one stays blocked.
        String c3 = repository.commit("v3", TestApps.staticSite("v3"));
        awaitStatus(developer, accepted(repository, c3), "ready");
        assertThat(app(url).body()).contains("v3");
        assertThat(deliver("push", UUID.randomUUID().toString(), push(repository, c2)).getBody())
                .containsEntry("result", "skipped");
        assertThat(blocked(developer, projectId)).singleElement()
                .satisfies(block -> assertThat(block).containsEntry("skippedCount", 2));

        // Unblocked by a developer, it deploys from a push again.
        Member viewer = member(developer.organizationId(), Role.VIEWER);
        assertThat(call(org.springframework.http.HttpMethod.DELETE, blockedPath(projectId) + "/" + c2, null, viewer)
                .toBodilessEntity().getStatusCode().value()).isIn(403, 404);
        assertThat(delete(blockedPath(projectId) + "/" + c2.substring(0, 10), developer)).isEqualTo(204);
        assertThat(delete(blockedPath(projectId) + "/" + c2, developer)).as("nothing left to unblock").isEqualTo(404);
        assertThat(blocked(developer, projectId)).singleElement().satisfies(block -> assertThat(block)
                .containsEntry("active", false).containsEntry("unblockedBy", developer.userId().toString()));
        awaitStatus(developer, accepted(repository, c2), "ready");
        assertThat(app(url).body()).contains("v2");

        // Both changes are audited, the block as the rolling-back user's, the unblocking as the developer's.
        await().untilAsserted(() -> assertThat(events(Topics.AUDIT_EVENTS, event -> event.data()
                instanceof AuditRecorded audit && developer.organizationId().equals(audit.organizationId())
                && audit.action().startsWith("commit.")))
                .extracting(event -> (AuditRecorded) event.data())
                .extracting(AuditRecorded::action, AuditRecorded::actorType, AuditRecorded::actorId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("commit.blocked", "user", developer.userId()),
                        org.assertj.core.groups.Tuple.tuple("commit.unblocked", "user", developer.userId())));
    }

    @Test
    void aPullRequestHeadRolledBackFromInItsPreviewIsNotDeployedThereAgain() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String main = repository.commit("v1", TestApps.staticSite("production"));
        Object projectId = project(developer, repository, main, Map.of("outputDirectory", ".")).get("id");
        try {
            repository.git().checkout().setCreateBranch(true).setName("feature/blocks").call();
        }
        catch (org.eclipse.jgit.api.errors.GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
        String h1 = repository.commit("first try", TestApps.staticSite("first try"));
        int number = 1000 + (int) (Math.random() * 9000);
        String preview = "pr-" + number;
        Object first = deliveredPullRequest(repository, number, "opened", h1);
        awaitStatus(developer, first, "ready");
        String h2 = repository.commit("second try", TestApps.staticSite("second try"));
        awaitStatus(developer, deliveredPullRequest(repository, number, "synchronize", h2), "ready");

        ResponseEntity<Map<String, Object>> rollback = post("/api/v1/projects/" + projectId
                + "/deployments/rollback", Map.of("commitSha", h1.substring(0, 8), "environment", preview,
                        "keepCurrentVariables", false), developer);
        assertThat(rollback.getStatusCode().value()).as("%s", rollback.getBody()).isEqualTo(201);
        assertThat(rollback.getBody()).containsEntry("parentId", first);
        awaitStatus(developer, rollback.getBody().get("id"), "ready");

        ObjectNode again = pullRequest(repository, number, "synchronize", h2);
        ResponseEntity<Map<String, Object>> skipped = deliver("pull_request", UUID.randomUUID().toString(), again);
        assertThat(skipped.getStatusCode().value()).as("%s", skipped.getBody()).isEqualTo(202);
        assertThat(skipped.getBody()).containsEntry("result", "skipped");
        assertThat((String) skipped.getBody().get("detail")).contains("commit " + h2.substring(0, 7)
                + " is blocked in " + preview + ": rolled back from on ");
        assertThat(count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid AND environment = ?",
                projectId, preview)).isEqualTo(3);
        assertThat(count("SELECT count(*) FROM blocked_commits b JOIN environments e ON e.id = b.environment_id"
                + " WHERE e.project_id = ?::uuid AND e.name = 'production'", projectId))
                .as("blocked in the preview only").isZero();
    }

    private Object deliveredPullRequest(TestGitRemote repository, int number, String action, String sha) {
        ResponseEntity<Map<String, Object>> accepted = deliver("pull_request", UUID.randomUUID().toString(),
                pullRequest(repository, number, action, sha));
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        assertThat(accepted.getBody()).as("%s", accepted.getBody()).containsEntry("result", "accepted");
        return ((List<?>) accepted.getBody().get("deployments")).getFirst();
    }

    private static ObjectNode pullRequest(TestGitRemote repository, int number, String action, String sha) {
        ObjectNode event = GitHubWebhookPayloads.skeleton("pull_request.opened");
        event.put("number", number).put("action", action);
        ObjectNode pull = (ObjectNode) event.get("pull_request");
        pull.put("number", number);
        ObjectNode head = (ObjectNode) pull.get("head");
        head.put("ref", "feature/blocks").put("sha", sha);
        repository(event, repository);
        ObjectNode repo = (ObjectNode) event.get("repository");
        head.set("repo", repo.deepCopy());
        ((ObjectNode) pull.get("base")).put("ref", "main").set("repo", repo.deepCopy());
        return event;
    }

    /** Delivers a push of the commit to main; asserts it queued one deployment and returns its id. */
    private Object accepted(TestGitRemote repository, String commit) {
        ResponseEntity<Map<String, Object>> accepted = deliver("push", UUID.randomUUID().toString(),
                push(repository, commit));
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        assertThat(accepted.getBody()).as("%s", accepted.getBody()).containsEntry("result", "accepted");
        return ((List<?>) accepted.getBody().get("deployments")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> blocked(Member member, Object projectId) {
        return http().get().uri(blockedPath(projectId)).header("Authorization", "Bearer " + member.token())
                .retrieve().body(List.class);
    }

    private static String blockedPath(Object projectId) {
        return "/api/v1/projects/" + projectId + "/environments/production/blocked-commits";
    }

    private ResponseEntity<Map<String, Object>> deliver(String event, String delivery, ObjectNode payload) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return http().post().uri("/api/v1/webhooks/github").contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .header("User-Agent", "GitHub-Hookshot/test")
                .header("X-Hub-Signature-256", GitHubSignature.sign(SECRET, body)).body(body).retrieve()
                .toEntity(JSON);
    }

    /** A push of the commit to main of the test repository, checked against GitHub's schema. */
    private static ObjectNode push(TestGitRemote repository, String after) {
        ObjectNode push = GitHubWebhookPayloads.skeleton("push");
        push.put("ref", "refs/heads/main").put("before", "0".repeat(40)).put("after", after).put("created", false)
                .put("deleted", false).put("forced", false);
        repository(push, repository);
        GitHubWebhookPayloads.assertValid("webhook-push", push);
        return push;
    }

    /** The payload's repository is the test's: GitHub's clone URL replaced by the file:// one the project has. */
    private static void repository(ObjectNode payload, TestGitRemote repository) {
        String name = "app-" + Integer.toHexString(repository.bare().getParent().getFileName().hashCode());
        ((ObjectNode) payload.get("repository")).put("name", "remote").put("full_name", "acme/" + name)
                .put("clone_url", repository.fileUrl()).put("html_url", "https://github.com/acme/" + name)
                .put("ssh_url", "git@github.com:acme/" + name + ".git")
                .put("git_url", "git://github.com/acme/" + name + ".git");
    }
}
