package dev.autodeploy.deployer.webhook;

import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The parts of GitHub's webhook payloads the deployer acts on (github-webhooks.slice.json has them whole). */
final class GitHubPayloads {

    private GitHubPayloads() {
    }

    record Repository(long id, String name, @JsonProperty("full_name") String fullName,
            @JsonProperty("html_url") String htmlUrl, @JsonProperty("clone_url") String cloneUrl,
            @JsonProperty("ssh_url") String sshUrl, @JsonProperty("git_url") String gitUrl) {

        /** Every URL GitHub names the repository by. */
        List<String> urls() {
            return Stream.of(htmlUrl, cloneUrl, sshUrl, gitUrl).filter(url -> url != null && !url.isBlank()).toList();
        }
    }

    record Push(String ref, String before, String after, boolean created, boolean deleted, boolean forced,
            Repository repository, @JsonProperty("head_commit") Commit headCommit, Pusher pusher) {
    }

    record Commit(String id, String message) {
    }

    record Pusher(String name) {
    }

    record PullRequestEvent(String action, int number, @JsonProperty("pull_request") PullRequest pullRequest,
            Repository repository) {
    }

    record PullRequest(int number, String state, boolean merged, @JsonProperty("html_url") String htmlUrl,
            Branch head, Branch base) {
    }

    record Branch(String ref, String sha, Repository repo) {
    }

    record WorkflowRunEvent(String action, @JsonProperty("workflow_run") WorkflowRun workflowRun,
            Repository repository) {
    }

    record WorkflowRun(long id, String status, String conclusion, @JsonProperty("html_url") String htmlUrl,
            @JsonProperty("display_title") String displayTitle) {
    }
}
