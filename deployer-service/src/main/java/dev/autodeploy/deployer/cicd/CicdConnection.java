package dev.autodeploy.deployer.cicd;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/**
 * A CI/CD provider instance an organization registered (a Jenkins, a GitHub or GitLab account, a cluster), with
 * its secret decrypted for a call. Handed to the provider's client only; never logged ({@link #toString} masks it).
 *
 * @param secret the API token or password, {@code null} when none was given
 */
public record CicdConnection(UUID id, UUID organizationId, String type, String name, URI baseUrl, String username,
        String secret, Map<String, String> settings) {

    public CicdConnection {
        settings = Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "CicdConnection[" + type + " " + name + " (" + id + ") " + baseUrl + "]";
    }
}
