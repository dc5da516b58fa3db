package dev.autodeploy.deployer.target.github;

import java.net.URI;
import java.util.Map;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.CicdProviderType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The {@code github-actions} kind of CI/CD provider: a GitHub token (fine-grained or classic, with Actions
 * read/write on the repositories deployed), api.github.com by default or a GitHub Enterprise Server's
 * {@code https://host/api/v3}. The connection test asks GitHub who the token is.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.github-actions", name = "enabled", matchIfMissing = true)
class GitHubActionsProviderType implements CicdProviderType {

    private final GitHubActionsClient client;

    GitHubActionsProviderType(GitHubActionsClient client) {
        this.client = client;
    }

    @Override
    public String type() {
        return GitHubActionsDeployTarget.ID;
    }

    @Override
    public void checkSettings(URI baseUrl, String username, Map<String, String> settings) {
        if (baseUrl != null) {
            if (!baseUrl.isAbsolute() || baseUrl.getHost() == null
                    || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                    || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null
                    || baseUrl.getRawUserInfo() != null) {
                throw new CicdProblems.InvalidProviderSettings("baseUrl must be GitHub's REST API as an http(s) URL "
                        + "without credentials, query or fragment: https://api.github.com, or https://<host>/api/v3 "
                        + "for GitHub Enterprise Server.");
            }
        }
        if (settings != null && !settings.isEmpty()) {
            throw new CicdProblems.InvalidProviderSettings("A github-actions provider takes no settings (unknown: "
                    + String.join(", ", new java.util.TreeSet<>(settings.keySet())) + "); the repository and "
                    + "workflow are settings of each environment.");
        }
    }

    @Override
    public void testConnection(CicdConnection connection) {
        client.user(connection);
    }
}
