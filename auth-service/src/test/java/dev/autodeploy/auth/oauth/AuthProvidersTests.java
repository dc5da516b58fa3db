package dev.autodeploy.auth.oauth;

import java.util.Map;

import dev.autodeploy.auth.TestApi;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/auth/providers} tells the login page which providers are configured: here
 * GitHub (client id, secret and the default redirect URI of config-repo) but not Vercel (no
 * integration slug), and it needs no token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class AuthProvidersTests {

    @DynamicPropertySource
    static void gitHubOnly(DynamicPropertyRegistry registry) {
        registry.add("autodeploy.oauth.github.client-id", () -> "Ov23li-providers-test");
        registry.add("autodeploy.oauth.github.client-secret", () -> "test-only-github-client-secret-providers");
        // Vercel has a client id and secret but no integration slug: still not configured.
        registry.add("autodeploy.oauth.vercel.client-id", () -> "oac_providers_test");
        registry.add("autodeploy.oauth.vercel.client-secret", () -> "test-only-vercel-client-secret-providers");
    }

    @LocalServerPort
    private int port;

    @Test
    void answersWhichProvidersAreConfiguredWithoutAToken() {
        ResponseEntity<Map<String, Object>> response = new TestApi(port).get("/api/v1/auth/providers", null);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("github", true, "vercel", false));
    }

    @Test
    void answersTheSameToASignedInUser() {
        TestApi api = new TestApi(port);
        TestApi.Account user = api.register();

        ResponseEntity<Map<String, Object>> response = api.get("/api/v1/auth/providers", user.accessToken());

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsEntry("github", true).containsEntry("vercel", false);
    }

    @Test
    void theConfiguredGitHubAcceptsTheDashboardsCallbackUri() {
        ResponseEntity<Map<String, Object>> response = new TestApi(port).get(
                "/api/v1/auth/github/url?redirectUri=http://localhost:8080/auth/github/callback", null);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat((String) response.getBody().get("url"))
                .contains("redirect_uri=http://localhost:8080/auth/github/callback");
    }
}
