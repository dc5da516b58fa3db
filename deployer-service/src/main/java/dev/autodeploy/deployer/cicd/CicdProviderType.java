package dev.autodeploy.deployer.cicd;

import java.net.URI;
import java.util.Map;

/**
 * A kind of CI/CD provider an organization can register ({@code jenkins}, {@code github-actions},
 * {@code gitlab-ci}, {@code kubernetes}): how its registration is checked and its connection tested. One bean
 * per type, next to the deploy target that uses it.
 */
public interface CicdProviderType {

    /** The type's wire name, as in {@code cicd_providers.type}. */
    String type();

    /**
     * Refuses a registration this type cannot work with, with {@link CicdProblems.InvalidProviderSettings}
     * saying why (an unknown setting, a base URL that is not http(s), a missing username).
     */
    void checkSettings(URI baseUrl, String username, Map<String, String> settings);

    /** Calls the provider with the connection's credentials; throws {@link ProviderCallException} when that fails. */
    void testConnection(CicdConnection connection);
}
