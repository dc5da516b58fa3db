package dev.autodeploy.deployer.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.deployer.TestApps;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.testsupport.TestGitRemote;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-deploy path under an environment's protection: a signed GitHub push to a branch the environment does not
 * allow, or during a freeze, deploys nothing and says why; one to an environment that needs approval creates a
 * deployment awaiting it (no requester: any approver may approve).
 */
class ProtectedPushTests extends DeployerTest {

    private static final String SECRET = "test-only-github-webhook-secret";

    @Test
    void aPushTheProtectionRefusesIsSkippedWithTheReasonAndOneNeedingApprovalWaits() {
        Member admin = member(Role.ADMIN);
        TestGitRemote repository = repository();
        String first = repository.commit("v1", TestApps.staticSite("v1"));
        Map<String, Object> project = project(admin, repository, first, Map.of("outputDirectory", "."));
        String protection = "/api/v1/projects/" + project.get("id") + "/environments/production/protection";
        String pushed = repository.commit("v2", TestApps.staticSite("v2"));

        assertThat(put(protection, Map.of("allowedBranches", List.of("release/*")), admin).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<Map<String, Object>> refused = deliver(push(repository, pushed));
        assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(202);
        assertThat(refused.getBody()).containsEntry("result", "skipped");
        assertThat(list(refused.getBody().get("skipped"))).singleElement().satisfies(skip -> assertThat(skip)
                .containsEntry("environment", "production").containsEntry("reason", "branch-not-allowed"));

        assertThat(put(protection, Map.of("freezeWindows", List.of(Map.of("start", Instant.now().minusSeconds(5)
                .toString(), "end", Instant.now().plusSeconds(3600).toString()))), admin).getStatusCode().value())
                .isEqualTo(200);
        ResponseEntity<Map<String, Object>> frozen = deliver(push(repository, pushed));
        assertThat(frozen.getBody()).containsEntry("result", "skipped");
        assertThat(list(frozen.getBody().get("skipped")).getFirst()).containsEntry("reason", "deploy-freeze");
        assertThat(count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", project.get("id"))).isZero();

        assertThat(put(protection, Map.of("requiredApprovals", 1), admin).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<Map<String, Object>> accepted = deliver(push(repository, pushed));
        assertThat(accepted.getBody()).containsEntry("result", "accepted");
        List<?> queued = (List<?>) accepted.getBody().get("deployments");
        assertThat(queued).hasSize(1);
        Object id = queued.getFirst();
        assertThat(get("/api/v1/deployments/" + id, admin).getBody()).containsEntry("status", "awaiting_approval")
                .containsEntry("triggeredBy", null);
        assertThat(post("/api/v1/deployments/" + id + "/approve", Map.of(), admin).getBody())
                .containsEntry("state", "approved");
        assertThat(awaitStatus(admin, id, "ready")).containsEntry("commitSha", pushed);
    }

    private ResponseEntity<Map<String, Object>> deliver(ObjectNode payload) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return http().post().uri("/api/v1/webhooks/github").contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", "push").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("User-Agent", "GitHub-Hookshot/test").header("X-Hub-Signature-256",
                        GitHubSignature.sign(SECRET, body))
                .body(body).retrieve().toEntity(JSON);
    }

    private static ObjectNode push(TestGitRemote repository, String after) {
        ObjectNode push = GitHubWebhookPayloads.skeleton("push");
        push.put("ref", "refs/heads/main").put("before", "0".repeat(40)).put("after", after).put("created", false)
                .put("deleted", false).put("forced", false);
        String name = "app-" + Integer.toHexString(repository.bare().getParent().getFileName().hashCode());
        ((ObjectNode) push.get("repository")).put("name", "remote").put("full_name", "acme/" + name)
                .put("clone_url", repository.fileUrl()).put("html_url", "https://github.com/acme/" + name)
                .put("ssh_url", "git@github.com:acme/" + name + ".git")
                .put("git_url", "git://github.com/acme/" + name + ".git");
        return push;
    }
}
