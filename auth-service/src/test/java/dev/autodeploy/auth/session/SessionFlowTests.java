package dev.autodeploy.auth.session;

import java.util.Map;
import java.util.UUID;

import dev.autodeploy.testsupport.RealInfrastructure;
import dev.autodeploy.testsupport.TestHttp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Register → login → refresh → reuse detection → logout, over HTTP against real Postgres. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure
class SessionFlowTests {

    @LocalServerPort
    private int port;

    private RestClient http;

    @BeforeEach
    void client() {
        http = TestHttp.client(port);
    }

    @Test
    void registerLoginRefreshReuseDetectionAndLogout() {
        String email = uniqueEmail();
        ResponseEntity<Map<String, Object>> registered = post("/api/v1/auth/register",
                Map.of("email", email, "password", "correct horse battery", "name", "Ada"));
        assertThat(registered.getStatusCode().value()).isEqualTo(201);
        assertThat(registered.getBody()).containsKeys("accessToken", "refreshToken", "expiresIn")
                .containsEntry("tokenType", "Bearer").containsEntry("expiresIn", 900);
        assertThat(registered.getBody().toString()).doesNotContain("correct horse battery");
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) registered.getBody().get("user");
        assertThat(user).containsEntry("email", email).doesNotContainKey("passwordHash");

        ResponseEntity<Map<String, Object>> me = http.get().uri("/api/v1/auth/me")
                .header("Authorization", "Bearer " + registered.getBody().get("accessToken"))
                .retrieve().toEntity(TestHttp.JSON_OBJECT);
        assertThat(me.getStatusCode().value()).isEqualTo(200);
        assertThat(me.getBody()).containsEntry("id", user.get("id"));

        Map<String, Object> login = post("/api/v1/auth/login",
                Map.of("email", email.toUpperCase(), "password", "correct horse battery")).getBody();
        String first = (String) login.get("refreshToken");

        ResponseEntity<Map<String, Object>> refreshed = post("/api/v1/auth/refresh", Map.of("refreshToken", first));
        assertThat(refreshed.getStatusCode().value()).isEqualTo(200);
        String second = (String) refreshed.getBody().get("refreshToken");
        assertThat(second).isNotEqualTo(first);

        ResponseEntity<Map<String, Object>> reused = post("/api/v1/auth/refresh", Map.of("refreshToken", first));
        assertThat(reused.getStatusCode().value()).isEqualTo(401);
        assertThat(reused.getBody()).containsEntry("type", "https://autodeploy.dev/problems/refresh-token-reused");
        // The reuse revoked the whole family, including the token issued after the reused one.
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", second)).getBody())
                .containsEntry("type", "https://autodeploy.dev/problems/invalid-refresh-token");
        // The registration's own login (another family) is untouched.
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", registered.getBody().get("refreshToken")))
                .getStatusCode().value()).isEqualTo(200);

        String third = (String) post("/api/v1/auth/login", Map.of("email", email, "password", "correct horse battery"))
                .getBody().get("refreshToken");
        assertThat(post("/api/v1/auth/logout", Map.of("refreshToken", third)).getStatusCode().value()).isEqualTo(204);
        assertThat(post("/api/v1/auth/refresh", Map.of("refreshToken", third)).getStatusCode().value()).isEqualTo(401);
        assertThat(post("/api/v1/auth/logout", Map.of("refreshToken", third)).getStatusCode().value()).isEqualTo(204);
    }

    @Test
    void emailIsUniqueIgnoringCase() {
        String email = uniqueEmail();
        post("/api/v1/auth/register", Map.of("email", email, "password", "long enough pw", "name", "A"));
        ResponseEntity<Map<String, Object>> again = post("/api/v1/auth/register",
                Map.of("email", email.toUpperCase(), "password", "another long pw", "name", "B"));
        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("type", "https://autodeploy.dev/problems/email-taken");
    }

    @Test
    void invalidRegistrationIsA400WithFieldErrorsAndCreatesNothing() {
        String email = uniqueEmail();
        ResponseEntity<Map<String, Object>> response = post("/api/v1/auth/register",
                Map.of("email", email, "password", "short", "name", ""));
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody()).containsEntry("type", "https://autodeploy.dev/problems/validation");
        assertThat(response.getBody().get("errors").toString()).contains("password").contains("name")
                .doesNotContain("short");
        assertThat(post("/api/v1/auth/login", Map.of("email", email, "password", "short")).getStatusCode().value())
                .isEqualTo(401);
        assertThat(post("/api/v1/auth/register", Map.of("email", "not-an-email", "password", "long enough pw",
                "name", "A")).getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void wrongPasswordAndUnknownEmailGetTheSameAnswer() {
        String email = uniqueEmail();
        post("/api/v1/auth/register", Map.of("email", email, "password", "long enough pw", "name", "A"));
        ResponseEntity<Map<String, Object>> wrongPassword = post("/api/v1/auth/login",
                Map.of("email", email, "password", "not the password"));
        ResponseEntity<Map<String, Object>> unknown = post("/api/v1/auth/login",
                Map.of("email", uniqueEmail(), "password", "not the password"));
        assertThat(wrongPassword.getStatusCode().value()).isEqualTo(401);
        assertThat(unknown.getStatusCode().value()).isEqualTo(401);
        assertThat(wrongPassword.getBody().get("detail")).isEqualTo(unknown.getBody().get("detail"));
        assertThat(wrongPassword.getBody()).containsEntry("type", "https://autodeploy.dev/problems/invalid-credentials");
    }

    @Test
    void meWithoutTokenIsUnauthorized() {
        ResponseEntity<Map<String, Object>> response = http.get().uri("/api/v1/auth/me").retrieve().toEntity(TestHttp.JSON_OBJECT);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
        assertThat(response.getHeaders().getFirst("WWW-Authenticate")).isEqualTo("Bearer");
    }

    private ResponseEntity<Map<String, Object>> post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(TestHttp.JSON_OBJECT);
    }

    private static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.test";
    }
}
