package dev.autodeploy.monitor.webhook;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client outgoing webhooks (alert and notification deliveries) are sent with: explicit timeouts, and
 * redirects never followed — a receiver that passed the address check must not bounce the request to an internal
 * address.
 */
public final class WebhookClients {

    private WebhookClients() {
    }

    public static RestClient restClient(RestClient.Builder builder, Duration connectTimeout, Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        return builder.clone().requestFactory(requests).build();
    }
}
