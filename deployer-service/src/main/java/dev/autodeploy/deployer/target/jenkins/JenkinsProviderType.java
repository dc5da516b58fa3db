package dev.autodeploy.deployer.target.jenkins;

import java.net.URI;
import java.util.Map;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.CicdProviderType;
import dev.autodeploy.deployer.cicd.ProviderCallException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Registrations of type {@code jenkins}: an http(s) base URL (a context path such as {@code /jenkins} is fine),
 * a user and that user's API token; tested by reading {@code /api/json} and its {@code X-Jenkins} version.
 */
@Component
@ConditionalOnProperty(prefix = "autodeploy.deployer.jenkins", name = "enabled", matchIfMissing = true)
class JenkinsProviderType implements CicdProviderType {

    private final JenkinsClient client;

    JenkinsProviderType(JenkinsClient client) {
        this.client = client;
    }

    @Override
    public String type() {
        return JenkinsDeployTarget.ID;
    }

    @Override
    public void checkSettings(URI baseUrl, String username, Map<String, String> settings) {
        if (baseUrl == null || !("https".equals(baseUrl.getScheme()) || "http".equals(baseUrl.getScheme()))
                || baseUrl.getHost() == null) {
            throw new CicdProblems.InvalidProviderSettings("A Jenkins needs its http(s) base URL, such as "
                    + "https://jenkins.example.com/.");
        }
        if (baseUrl.getRawUserInfo() != null || baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new CicdProblems.InvalidProviderSettings("The Jenkins base URL takes no credentials, query or "
                    + "fragment: give the user and API token separately.");
        }
        if (username == null || username.isBlank()) {
            throw new CicdProblems.InvalidProviderSettings("A Jenkins needs the username the API token belongs to.");
        }
        if (settings != null && !settings.isEmpty()) {
            throw new CicdProblems.InvalidProviderSettings("A Jenkins registration has no settings (got "
                    + String.join(", ", settings.keySet().stream().map(JobPath::printable).toList()) + ").");
        }
    }

    @Override
    public void testConnection(CicdConnection connection) {
        if (connection.username() == null || connection.username().isBlank()) {
            throw new ProviderCallException(JenkinsClient.PROVIDER, 401, null, "No Jenkins username registered");
        }
        client.version(connection);
    }
}
