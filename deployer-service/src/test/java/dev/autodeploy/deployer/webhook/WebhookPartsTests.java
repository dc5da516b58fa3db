package dev.autodeploy.deployer.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The parts of the GitHub webhook that need no deployer: signatures, repository URL keys, an unset secret. */
class WebhookPartsTests {

    @Test
    void theSignatureIsGitHubsHmacSha256OfTheRawBody() {
        // GitHub's documented example: secret "It's a Secret to Everybody", payload "Hello, World!"
        byte[] body = "Hello, World!".getBytes(StandardCharsets.UTF_8);
        String expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";
        assertThat(GitHubSignature.sign("It's a Secret to Everybody", body)).isEqualTo(expected);
        assertThat(GitHubSignature.matches("It's a Secret to Everybody", body, expected.toUpperCase())).isTrue();
        assertThat(GitHubSignature.matches("It's a Secret to Everybody", body, expected.replace('7', '8'))).isFalse();
        assertThat(GitHubSignature.matches("It's a Secret to Everybody", body, null)).isFalse();
        assertThat(GitHubSignature.matches("another", body, expected)).isFalse();
    }

    @Test
    void everyWayOfWritingARepositoryUrlHasTheSameKey() {
        String key = "github.com/octo-org/octo-repo";
        assertThat(RepositoryUrls.key("https://github.com/Octo-Org/Octo-Repo.git")).contains(key);
        assertThat(RepositoryUrls.key("https://github.com/octo-org/octo-repo/")).contains(key);
        assertThat(RepositoryUrls.key("https://user:token@github.com:443/octo-org/octo-repo")).contains(key);
        assertThat(RepositoryUrls.key("git@github.com:octo-org/octo-repo.git")).contains(key);
        assertThat(RepositoryUrls.key("ssh://git@github.com/octo-org/octo-repo.git")).contains(key);
        assertThat(RepositoryUrls.key("git://github.com/octo-org/octo-repo.git")).contains(key);
        assertThat(RepositoryUrls.key("https://github.com/octo-org/octo-repo-2").orElseThrow()).isNotEqualTo(key);
        assertThat(RepositoryUrls.key("https://gitlab.com/octo-org/octo-repo").orElseThrow()).isNotEqualTo(key);
        assertThat(RepositoryUrls.key("file:///srv/git/app/remote.git")).contains("/srv/git/app/remote");
        assertThat(RepositoryUrls.key("")).isEmpty();
        assertThat(RepositoryUrls.key(null)).isEmpty();
    }

    @Test
    void withoutASecretEveryDeliveryIsRefusedAsNotConfigured() {
        GitHubWebhookController controller = new GitHubWebhookController(null,
                new GitHubWebhookProperties(" ", Duration.ofMinutes(2)));
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> controller.receive(GitHubSignature.sign(" ", body), "d-1", "ping", body))
                .isInstanceOf(WebhookProblems.NotConfigured.class);
    }

    @Test
    void theWorkflowRunPayloadOfTheFlowTestsIsWhatGitHubSends() {
        tools.jackson.databind.node.ObjectNode event = GitHubWebhookPayloads.skeleton("workflow_run.completed");
        ((tools.jackson.databind.node.ObjectNode) event.get("workflow_run")).put("id", 880001).put("status",
                "completed").put("conclusion", "success");
        GitHubWebhookPayloads.assertValid("webhook-workflow-run-completed", event);
        ((tools.jackson.databind.node.ObjectNode) event.get("workflow_run")).put("conclusion", "exploded");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> GitHubWebhookPayloads.assertValid(
                "webhook-workflow-run-completed", event)).isInstanceOf(AssertionError.class);
    }

    @Test
    void theSecretNeverAppearsInTheConfigurationsToString() {
        assertThat(new GitHubWebhookProperties("s3cr3t-value", Duration.ofMinutes(2)).toString())
                .doesNotContain("s3cr3t-value");
    }
}
