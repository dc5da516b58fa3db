package dev.autodeploy.auth;

import java.util.Map;
import java.util.UUID;

import dev.autodeploy.testsupport.ServiceConformanceTests;
import dev.autodeploy.testsupport.TestHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuthServiceConformanceTests extends ServiceConformanceTests {

    /** auth-service accepts the tokens it issues itself: register someone and use theirs. */
    @Override
    protected String validAccessToken() {
        Map<String, Object> session = RestClient.create(baseUrl()).post().uri("/api/v1/auth/register")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("email", "c-" + UUID.randomUUID() + "@example.test", "password", "long enough pw",
                        "name", "Conformance"))
                .retrieve().body(TestHttp.JSON_OBJECT);
        return (String) session.get("accessToken");
    }
}
