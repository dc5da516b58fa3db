package dev.autodeploy.discovery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryServerApplicationTests {

    @LocalServerPort
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void registryAcceptsARegistrationAndListsIt() throws Exception {
        String instance = """
                {"instance":{"instanceId":"probe:1","hostName":"localhost","app":"PROBE","ipAddr":"127.0.0.1",
                "status":"UP","port":{"$":9999,"@enabled":"true"},"dataCenterInfo":{"@class":
                "com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}""";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(uri("/eureka/apps/PROBE"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(instance)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(204);

        HttpResponse<String> apps = http.send(HttpRequest.newBuilder(uri("/eureka/apps/PROBE"))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(apps.statusCode()).isEqualTo(200);
        assertThat(apps.body()).contains("\"instanceId\":\"probe:1\"").contains("\"status\":\"UP\"");
    }

    @Test
    void healthIsUp() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
