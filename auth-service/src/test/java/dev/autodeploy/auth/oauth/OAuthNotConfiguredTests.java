package dev.autodeploy.auth.oauth;

import java.util.List;
import java.util.Map;

import dev.autodeploy.auth.TestApi;
import dev.autodeploy.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

/** Without client ids and secrets (the test configuration sets none) the service starts and the flows say so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class OAuthNotConfiguredTests {

    private static final String NOT_CONFIGURED = "https://autodeploy.dev/problems/oauth-provider-not-configured";

    @LocalServerPort
    private int port;

    @Test
    void gitHubAndVercelAnswer404NotConfigured() {
        TestApi api = new TestApi(port);
        TestApi.Account user = api.register();
        for (ResponseEntity<Map<String, Object>> response : List.of(
                api.get("/api/v1/auth/github/url", null),
                api.post("/api/v1/auth/github/callback", Map.of("code", "c", "state", "s"), null),
                api.get("/api/v1/auth/vercel/url", user.accessToken()),
                api.post("/api/v1/auth/vercel/callback", Map.of("code", "c", "state", "s"), user.accessToken()))) {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getBody()).containsEntry("type", NOT_CONFIGURED);
        }
    }

    @Test
    void providersSaysNeitherIsConfigured() {
        ResponseEntity<Map<String, Object>> response = new TestApi(port).get("/api/v1/auth/providers", null);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).containsExactlyInAnyOrderEntriesOf(Map.of("github", false, "vercel", false));
    }
}
