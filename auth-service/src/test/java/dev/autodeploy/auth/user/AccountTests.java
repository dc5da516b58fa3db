package dev.autodeploy.auth.user;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading, editing and deleting one's own account; nobody else's; no secret in the logs. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
@ExtendWith(OutputCaptureExtension.class)
class AccountTests {

    private static final String PASSWORD = "s3cret-Pa55word-" + UUID.randomUUID();

    @LocalServerPort
    private int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @Test
    void aUserManagesOnlyTheirOwnAccountAndDeletingItRemovesAccess(CapturedOutput output) {
        Map<String, Object> me = register();
        Map<String, Object> other = register();
        String id = userId(me);
        String token = (String) me.get("accessToken");

        assertThat(status(token, HttpMethod.GET, "/api/v1/users/" + id, null)).isEqualTo(200);
        assertThat(status(token, HttpMethod.GET, "/api/v1/users/" + userId(other), null)).isEqualTo(404);
        assertThat(status(token, HttpMethod.DELETE, "/api/v1/users/" + userId(other), null)).isEqualTo(404);
        Map<String, Object> updated = http.put().uri("/api/v1/users/" + id).header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "Grace", "avatarUrl", "https://example.test/a.png")).retrieve().body(TestHttp.JSON_OBJECT);
        assertThat(updated).containsEntry("name", "Grace").containsEntry("avatarUrl", "https://example.test/a.png");
        assertThat(status(token, HttpMethod.PUT, "/api/v1/users/" + id,
                Map.of("name", "Grace", "avatarUrl", "javascript:alert(1)"))).isEqualTo(400);

        // The only owner of an organization must hand it over first.
        String org = (String) http.post().uri("/api/v1/organizations").header("Authorization", "Bearer " + token)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "Mine " + UUID.randomUUID()))
                .retrieve().body(TestHttp.JSON_OBJECT).get("id");
        assertThat(status(token, HttpMethod.DELETE, "/api/v1/users/" + id, null)).isEqualTo(409);
        assertThat(status(token, HttpMethod.DELETE, "/api/v1/organizations/" + org, null)).isEqualTo(204);

        assertThat(status(token, HttpMethod.DELETE, "/api/v1/users/" + id, null)).isEqualTo(204);
        assertThat(post("/api/v1/auth/login", Map.of("email", me.get("email"), "password", PASSWORD))
                .get("type")).isEqualTo("https://autodeploy.dev/problems/invalid-credentials");
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", me.get("refreshToken"))).get("type"))
                .isEqualTo("https://autodeploy.dev/problems/invalid-refresh-token");
        assertThat(status(token, HttpMethod.GET, "/api/v1/auth/me", null)).isEqualTo(401);

        assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain(token)
                .doesNotContain((String) me.get("refreshToken")).doesNotContain((String) other.get("accessToken"));
    }

    private Map<String, Object> register() {
        String email = "a-" + UUID.randomUUID() + "@example.test";
        Map<String, Object> session = post("/api/v1/auth/register", Map.of("email", email, "password", PASSWORD,
                "name", "Ann"));
        session.put("email", email);
        return session;
    }

    @SuppressWarnings("unchecked")
    private static String userId(Map<String, Object> session) {
        return (String) ((Map<String, Object>) session.get("user")).get("id");
    }

    private Map<String, Object> post(String path, Object body) {
        return new HashMap<>(http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().body(TestHttp.JSON_OBJECT));
    }

    private int status(String token, HttpMethod method, String path, Object body) {
        RestClient.RequestBodySpec request = http.method(method).uri(path).header("Authorization", "Bearer " + token);
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }
}
