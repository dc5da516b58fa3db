package dev.autodeploy.auth;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** auth-service's API over HTTP as a client sees it; errors are answers to assert on, not exceptions. */
public final class TestApi {

    public static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    public static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {
            };

    /** A registered person: id, email, password and the session registering started. */
    public record Account(String id, String email, String password, String accessToken, String refreshToken) {
    }

    private final RestClient http;

    public TestApi(int port) {
        http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                }).build();
    }

    public Account register() {
        String email = "user-" + UUID.randomUUID() + "@example.test";
        String password = "correct horse " + UUID.randomUUID();
        Map<String, Object> session = post("/api/v1/auth/register",
                Map.of("email", email, "password", password, "name", "Test User"), null).getBody();
        return new Account(userId(session), email, password, (String) session.get("accessToken"),
                (String) session.get("refreshToken"));
    }

    public ResponseEntity<Map<String, Object>> get(String path, String token) {
        return call(HttpMethod.GET, path, null, token).toEntity(JSON);
    }

    public ResponseEntity<List<Map<String, Object>>> getList(String path, String token) {
        return call(HttpMethod.GET, path, null, token).toEntity(JSON_LIST);
    }

    public ResponseEntity<Map<String, Object>> post(String path, Object body, String token) {
        return call(HttpMethod.POST, path, body, token).toEntity(JSON);
    }

    public int delete(String path, String token) {
        return call(HttpMethod.DELETE, path, null, token).toBodilessEntity().getStatusCode().value();
    }

    /** The user id in a session answer (register, login, sign-in). */
    @SuppressWarnings("unchecked")
    public static String userId(Map<String, Object> session) {
        return (String) ((Map<String, Object>) session.get("user")).get("id");
    }

    private RestClient.ResponseSpec call(HttpMethod method, String path, Object body, String token) {
        RestClient.RequestBodySpec request = http.method(method).uri(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return request.retrieve();
    }
}
