package dev.autodeploy.deployer.cicd;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** STAND-IN until the lead's foundation lands: a registered CI/CD provider instance with its decrypted secret. */
public record CicdConnection(UUID id, UUID organizationId, String type, String name, URI baseUrl, String username,
        String secret, Map<String, String> settings) {

    public CicdConnection {
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    @Override
    public String toString() {
        return "CicdConnection[" + id + " " + type + " " + name + " " + baseUrl + " secret=****]";
    }
}
