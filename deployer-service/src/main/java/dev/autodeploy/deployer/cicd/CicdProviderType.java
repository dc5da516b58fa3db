package dev.autodeploy.deployer.cicd;

import java.net.URI;
import java.util.Map;

/** STAND-IN until the lead's foundation lands: one kind of CI/CD provider. */
public interface CicdProviderType {

    String type();

    void checkSettings(URI baseUrl, Map<String, String> settings);

    void testConnection(CicdConnection connection);
}
