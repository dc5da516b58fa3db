package dev.autodeploy.deployer;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import dev.autodeploy.deployer.cicd.CicdConnection;
import dev.autodeploy.deployer.cicd.CicdProblems;
import dev.autodeploy.deployer.cicd.CicdProviderType;
import dev.autodeploy.deployer.cicd.ProviderCallException;

/**
 * A CI/CD provider type for the registration tests: it accepts the setting {@code project} only, needs a base
 * URL, and its connection test succeeds exactly when the stored secret is {@link #GOOD_SECRET} — so a test can
 * tell that the registry decrypted and handed over what was registered.
 */
public class TestProviderType implements CicdProviderType {

    public static final String TYPE = CallbackTestTarget.ID;
    public static final String GOOD_SECRET = "test-ci-token-that-works";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void checkSettings(URI baseUrl, String username, Map<String, String> settings) {
        if (baseUrl == null) {
            throw new CicdProblems.InvalidProviderSettings("baseUrl is required.");
        }
        for (String key : settings.keySet()) {
            if (!Set.of("project").contains(key)) {
                throw new CicdProblems.InvalidProviderSettings("Unknown setting '" + key + "'.");
            }
        }
    }

    @Override
    public void testConnection(CicdConnection connection) {
        if (!GOOD_SECRET.equals(connection.secret())) {
            throw new ProviderCallException("Test CI", 401, null, "Test CI answered HTTP 401 (the credentials were "
                    + "refused)");
        }
    }
}
