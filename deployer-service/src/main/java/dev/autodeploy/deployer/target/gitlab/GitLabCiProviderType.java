package dev.autodeploy.deployer.target.gitlab;

import java.net.URI;
import java.util.Map;
import java.util.TreeSet;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.CicdProviderType;
import org.springframework.stereotype.Component;

/**
 * The {@code gitlab-ci} CI/CD provider type: a GitLab instance (gitlab.com or self-managed, at its base URL) and a
 * personal, group or project access token ({@code secret}, sent as {@code PRIVATE-TOKEN}; scope {@code api}).
 * The connection test asks GitLab who the token belongs to. It takes no settings: a pipeline trigger token is
 * per GitLab project, so an environment names the secret variable holding it ({@code triggerTokenVariable}),
 * and registration settings are not secret storage.
 */
@Component
class GitLabCiProviderType implements CicdProviderType {

    private final GitLabClients clients;

    GitLabCiProviderType(GitLabClients clients) {
        this.clients = clients;
    }

    @Override
    public String type() {
        return GitLabClient.PROVIDER;
    }

    @Override
    public void checkSettings(URI baseUrl, String username, Map<String, String> settings) {
        if (baseUrl == null || !baseUrl.isAbsolute()
                || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null || baseUrl.getUserInfo() != null || baseUrl.getQuery() != null
                || baseUrl.getFragment() != null) {
            throw new CicdProblems.InvalidProviderSettings("baseUrl must be the GitLab instance's http(s) address"
                    + " without credentials, query or fragment, such as https://gitlab.com or"
                    + " https://gitlab.example.com/gitlab.");
        }
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        if (path.contains("/api/")) {
            throw new CicdProblems.InvalidProviderSettings("baseUrl is the GitLab instance's address, without"
                    + " /api/v4 (AutoDeploy adds it).");
        }
        if (!settings.isEmpty()) {
            throw new CicdProblems.InvalidProviderSettings("A gitlab-ci provider takes no settings (got "
                    + String.join(", ", new TreeSet<>(settings.keySet())) + "); the project, ref and a trigger token"
                    + " are the environment's settings.");
        }
    }

    @Override
    public void testConnection(CicdConnection connection) {
        clients.client(connection).currentUser();
    }
}
