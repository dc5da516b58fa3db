package dev.autodeploy.deployer.cicd;

import java.net.http.HttpClient;
import java.time.Clock;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * HTTP clients for providers: the configured connect and read timeouts, redirects followed (GitHub serves logs
 * through one), and every 4xx/5xx turned into a {@link ProviderCallException} carrying the status and
 * {@code Retry-After} — never the response body. Use with {@link ProviderCalls}.
 */
@Component
public class ProviderRestClients {

    private final RestClient.Builder builder;
    private final ProviderCallProperties properties;
    private final Clock clock;

    ProviderRestClients(RestClient.Builder builder, ProviderCallProperties properties, Clock clock) {
        this.builder = builder;
        this.properties = properties;
        this.clock = clock;
    }

    /** A builder for calls to {@code provider} (its name appears in failures: {@code Jenkins}, {@code GitHub}). */
    public RestClient.Builder builder(String provider) {
        // HTTP/1.1: the JDK's default HTTP/2 tries an h2c upgrade on http:// and Jetty-based servers (a Jenkins,
        // WireMock) reset such a POST, losing its body.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.readTimeout());
        return builder.clone().requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw ProviderCallException.from(provider, response, clock);
                });
    }
}
