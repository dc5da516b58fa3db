package dev.autodeploy.deployer.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import static org.awaitility.Awaitility.await;

/**
 * GitHub's webhooks end to end: signed deliveries on {@code POST /api/v1/webhooks/github} deploying real
 * {@code file://} repositories with the local target — pushes to the environments following the branch, pull
 * requests to {@code pr-<number>} previews that go away when the pull request is closed — each delivery once.
 * The payloads are checked against GitHub's webhook schemas ({@code shared/contracts/github-webhooks.slice.json}).
 */
class GitHubWebhookFlowTests extends DeployerTest {

    /** The secret application-test.yml configures. */
    private static final String SECRET = "test-only-github-webhook-secret";
    private static final String PROBLEMS = "https://autodeploy.dev/problems/";

    @Test
    void onlyDeliveriesSignedWithTheSecretAreTaken() {
        byte[] ping = "{\"zen\": \"Design for failure.\", \"hook_id\": 1}".getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> missing = deliver("ping", delivery, ping, null);
        assertThat(missing.getStatusCode().value()).isEqualTo(401);
        assertThat(missing.getBody()).containsEntry("type", PROBLEMS + "webhook-signature-invalid");
        ResponseEntity<Map<String, Object>> wrong = deliver("ping", delivery, ping,
                GitHubSignature.sign("another-secret", ping));
        assertThat(wrong.getStatusCode().value()).isEqualTo(401);
        byte[] tampered = "{\"zen\": \"Design for success.\", \"hook_id\": 1}".getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("ping", delivery, tampered, GitHubSignature.sign(SECRET, ping)).getStatusCode().value())
                .isEqualTo(401);
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE delivery_id = ?", delivery)).isZero();

        ResponseEntity<Map<String, Object>> pong = deliver("ping", delivery, ping, GitHubSignature.sign(SECRET, ping));
        assertThat(pong.getStatusCode().value()).isEqualTo(200);
        assertThat(pong.getBody()).containsEntry("result", "pong");
        assertThat(count("SELECT count(*) FROM webhook_deliveries WHERE delivery_id = ?", delivery)).isOne();
    }

    @Test
    void aPushDeploysTheEnvironmentFollowingItsBranchAtThePushedCommitOnce() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String first = repository.commit("v1", TestApps.staticSite("v1"));
        Map<String, Object> project = project(developer, repository, first, Map.of("outputDirectory", "."));
        String pushed = repository.commit("v2", TestApps.staticSite("v2"));
        ObjectNode push = push(repository, "refs/heads/main", pushed);
        String delivery = UUID.randomUUID().toString();

        ResponseEntity<Map<String, Object>> accepted = deliver("push", delivery, push);
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        assertThat(accepted.getBody()).containsEntry("result", "accepted");
        List<?> queued = (List<?>) accepted.getBody().get("deployments");
        assertThat(queued).hasSize(1);

        ResponseEntity<Map<String, Object>> replayed = deliver("push", delivery, push);
        assertThat(replayed.getStatusCode().value()).isEqualTo(200);
        assertThat(replayed.getBody()).containsEntry("result", "duplicate");

        Map<String, Object> ready = awaitStatus(developer, queued.getFirst(), "ready");
        assertThat(ready).containsEntry("commitSha", pushed).containsEntry("environment", "production")
                .containsEntry("branch", "main").containsEntry("action", "deploy");
        assertThat(map(ready.get("metadata"))).containsEntry("trigger", "github-push")
                .containsEntry("deliveryId", delivery);
        assertThat(ready.get("triggeredBy")).isNull();
        assertThat(app(url(developer, project.get("id"))).body()).contains("v2");
        assertThat(count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", project.get("id")))
                .as("one deployment for the delivery, however often it comes").isOne();
    }

    @Test
    void pushesOfOtherBranchesTagsAndUnknownRepositoriesDeployNothing() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String commit = repository.commit("v1", TestApps.staticSite("v1"));
        Map<String, Object> project = project(developer, repository, commit, Map.of("outputDirectory", "."));

        ResponseEntity<Map<String, Object>> otherBranch = deliver("push", UUID.randomUUID().toString(),
                push(repository, "refs/heads/experiment", commit));
        assertThat(otherBranch.getStatusCode().value()).isEqualTo(202);
        assertThat(otherBranch.getBody()).containsEntry("result", "ignored");
        ResponseEntity<Map<String, Object>> tag = deliver("push", UUID.randomUUID().toString(),
                push(repository, "refs/tags/v1.0.0", commit));
        assertThat(tag.getBody()).containsEntry("result", "ignored");
        ObjectNode elsewhere = push(repository, "refs/heads/main", commit);
        ((ObjectNode) elsewhere.get("repository")).put("clone_url", "https://github.com/acme/unknown-"
                + UUID.randomUUID() + ".git").put("html_url", "https://github.com/acme/unknown")
                .put("ssh_url", "git@github.com:acme/unknown.git").put("git_url", "git://github.com/acme/unknown.git");
        ResponseEntity<Map<String, Object>> unknown = deliver("push", UUID.randomUUID().toString(), elsewhere);
        assertThat(unknown.getStatusCode().value()).isEqualTo(202);
        assertThat((String) unknown.getBody().get("detail")).contains("no matching project");

        assertThat(count("SELECT count(*) FROM deployments WHERE project_id = ?::uuid", project.get("id"))).isZero();
    }

    @Test
    void anOpenedPullRequestGetsAPreviewDeployedAtItsHeadAndClosingItRemovesThePreview() {
        Member developer = member(Role.DEVELOPER);
        TestGitRemote repository = repository();
        String main = repository.commit("v1", TestApps.staticSite("production"));
        Map<String, Object> project = project(developer, repository, main, Map.of("outputDirectory", "."));
        String head = onBranch(repository, "feature/login", "login page", TestApps.staticSite("preview of login"));
        int number = 1000 + (int) (Math.random() * 9000);

        ObjectNode opened = pullRequest("pull_request.opened", repository, number, "feature/login", head);
        GitHubWebhookPayloads.assertValid("webhook-pull-request-opened", opened);
        ResponseEntity<Map<String, Object>> accepted = deliver("pull_request", UUID.randomUUID().toString(), opened);
        assertThat(accepted.getStatusCode().value()).as("%s", accepted.getBody()).isEqualTo(202);
        List<?> queued = (List<?>) accepted.getBody().get("deployments");
        assertThat(queued).hasSize(1);

        Map<String, Object> preview = get("/api/v1/projects/" + project.get("id") + "/environments/pr-" + number,
                developer).getBody();
        assertThat(preview).containsEntry("kind", "preview").containsEntry("branch", "feature/login")
                .containsEntry("target", "local");
        Map<String, Object> ready = awaitStatus(developer, queued.getFirst(), "ready");
        assertThat(ready).containsEntry("commitSha", head).containsEntry("environment", "pr-" + number);
        assertThat(map(ready.get("metadata"))).containsEntry("trigger", "github-pull-request");
        String previewUrl = (String) get("/api/v1/projects/" + project.get("id") + "/environments/pr-" + number,
                developer).getBody().get("url");
        assertThat(app(previewUrl).body()).contains("preview of login");

        String pushedAgain = repository.commit("login page, fixed", TestApps.staticSite("fixed login"));
        ObjectNode synchronize = pullRequest("pull_request.opened", repository, number, "feature/login", pushedAgain);
        synchronize.put("action", "synchronize");
        ResponseEntity<Map<String, Object>> updated = deliver("pull_request", UUID.randomUUID().toString(),
                synchronize);
        assertThat(updated.getStatusCode().value()).as("%s", updated.getBody()).isEqualTo(202);
        Object redeployed = ((List<?>) updated.getBody().get("deployments")).getFirst();
        assertThat(awaitStatus(developer, redeployed, "ready")).containsEntry("commitSha", pushedAgain)
                .containsEntry("environment", "pr-" + number);
        await().atMost(Duration.ofSeconds(10)).until(() -> app(previewUrl).body().contains("fixed login"));
        assertThat(count("SELECT count(*) FROM environments WHERE project_id = ?::uuid AND name = ?",
                project.get("id"), "pr-" + number)).isOne();

        ObjectNode closed = pullRequest("pull_request.closed", repository, number, "feature/login", pushedAgain);
        GitHubWebhookPayloads.assertValid("webhook-pull-request-closed", closed);
        assertThat(deliver("pull_request", UUID.randomUUID().toString(), closed).getStatusCode().value())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/projects/" + project.get("id")
                + "/environments/pr-" + number, developer).getStatusCode().value() == 404);
        assertThat(get("/api/v1/projects/" + project.get("id") + "/environments/production", developer)
                .getStatusCode().value()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> app(previewUrl).status() == -1);
    }

    // ------------------------------------------------------------------ deliveries

    private ResponseEntity<Map<String, Object>> deliver(String event, String delivery, ObjectNode payload) {
        byte[] body = payload.toString().getBytes(StandardCharsets.UTF_8);
        return deliver(event, delivery, body, GitHubSignature.sign(SECRET, body));
    }

    private ResponseEntity<Map<String, Object>> deliver(String event, String delivery, byte[] body, String signature) {
        var request = http().post().uri("/api/v1/webhooks/github").contentType(MediaType.APPLICATION_JSON)
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", delivery)
                .header("User-Agent", "GitHub-Hookshot/test");
        if (signature != null) {
            request.header("X-Hub-Signature-256", signature);
        }
        return request.body(body).retrieve().toEntity(JSON);
    }

    /** A push payload of the test repository, checked against GitHub's schema. */
    private static ObjectNode push(TestGitRemote repository, String ref, String after) {
        ObjectNode push = GitHubWebhookPayloads.skeleton("push");
        push.put("ref", ref).put("before", "0".repeat(40)).put("after", after).put("created", false)
                .put("deleted", false).put("forced", false);
        repository(push, repository);
        GitHubWebhookPayloads.assertValid("webhook-push", push);
        return push;
    }

    private static ObjectNode pullRequest(String skeleton, TestGitRemote repository, int number, String branch,
            String sha) {
        ObjectNode event = GitHubWebhookPayloads.skeleton(skeleton);
        event.put("number", number);
        ObjectNode pull = (ObjectNode) event.get("pull_request");
        pull.put("number", number);
        ObjectNode head = (ObjectNode) pull.get("head");
        head.put("ref", branch).put("sha", sha);
        repository(event, repository);
        ObjectNode repo = (ObjectNode) event.get("repository");
        head.set("repo", repo.deepCopy());
        ((ObjectNode) pull.get("base")).put("ref", "main").set("repo", repo.deepCopy());
        return event;
    }

    /** The payload's repository is the test's: GitHub's clone URL replaced by the file:// one the project has. */
    private static void repository(ObjectNode payload, TestGitRemote repository) {
        String name = "app-" + Integer.toHexString(repository.bare().getParent().getFileName().hashCode());
        ((ObjectNode) payload.get("repository")).put("name", "remote").put("full_name", "acme/" + name)
                .put("clone_url", repository.fileUrl()).put("html_url", "https://github.com/acme/" + name)
                .put("ssh_url", "git@github.com:acme/" + name + ".git")
                .put("git_url", "git://github.com/acme/" + name + ".git");
    }

    private static String onBranch(TestGitRemote repository, String branch, String message, Map<String, String> files) {
        try {
            repository.git().checkout().setCreateBranch(true).setName(branch).call();
        }
        catch (org.eclipse.jgit.api.errors.GitAPIException ex) {
            throw new IllegalStateException(ex);
        }
        return repository.commit(message, files);
    }
}
