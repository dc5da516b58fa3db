package dev.autodeploy.configserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.cloud.config.server.native.search-locations=file:../config-repo/",
                "eureka.client.enabled=false" })
class ConfigServerApplicationTests {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesSharedAndServiceSpecificConfigurationWithProfileDocuments() throws Exception {
        String body = get("/deployer-service/local");
        assertThat(body).contains("\"name\":\"deployer-service\"")
                .contains("config-repo/deployer-service.yml")
                .contains("config-repo/application.yml")
                .contains("\"autodeploy.database.name\":\"${DB_NAME:deployer}\"")
                .contains("\"eureka.instance.lease-renewal-interval-in-seconds\":5");
    }

    @Test
    void dockerProfileOverridesHostnames() throws Exception {
        assertThat(get("/auth-service/docker")).contains("kafka:9092").contains("discovery-server:8761");
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
