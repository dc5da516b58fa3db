package dev.autodeploy.testsupport;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** HTTP from tests: a client that hands back 4xx/5xx responses for assertions instead of throwing. */
public final class TestHttp {

    /** A JSON object body. */
    public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    private TestHttp() {
    }

    public static RestClient client(String baseUrl) {
        return RestClient.builder().baseUrl(baseUrl)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                })
                .build();
    }

    public static RestClient client(int port) {
        return client("http://localhost:" + port);
    }
}
