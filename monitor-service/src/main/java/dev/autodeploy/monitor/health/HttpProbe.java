package dev.autodeploy.monitor.health;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * One HTTP GET of a deployment's health path: no redirect followed, connect and read timeouts, at most
 * {@code max-body-bytes} of the body read. A URL the {@link TargetAddressPolicy} refuses is not called at all.
 */
@Component
class HttpProbe {

    /** What one probe found; {@code statusCode} null when there was no answer, {@code error} null when healthy. */
    record Result(Instant checkedAt, boolean healthy, Integer statusCode, long latencyMs, String error) {
    }

    private final HealthProperties properties;
    private final TargetAddressPolicy policy;
    private final Clock clock;
    private final RestClient client;

    HttpProbe(HealthProperties properties, TargetAddressPolicy policy, Clock clock, RestClient.Builder builder) {
        this.properties = properties;
        this.policy = policy;
        this.clock = clock;
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(properties.timeout());
        this.client = builder.clone().requestFactory(requests).build();
    }

    Result probe(String baseUrl) {
        Instant started = clock.instant();
        String url = target(baseUrl);
        var refusal = policy.refusal(url);
        if (refusal.isPresent()) {
            return new Result(started, false, null, 0, "refused: " + refusal.get());
        }
        try {
            int status = client.get().uri(java.net.URI.create(url)).exchange((request, response) -> {
                try (InputStream body = response.getBody()) {
                    body.readNBytes(properties.maxBodyBytes());
                }
                return response.getStatusCode().value();
            }, true);
            long latency = Duration.between(started, clock.instant()).toMillis();
            boolean healthy = properties.expected(status);
            return new Result(started, healthy, status, latency, healthy ? null : "status " + status
                    + " is outside " + properties.expectedStatusMin() + "-" + properties.expectedStatusMax());
        }
        catch (RuntimeException ex) {
            long latency = Duration.between(started, clock.instant()).toMillis();
            return new Result(started, false, null, latency, CallFailures.describe(ex));
        }
    }

    private String target(String baseUrl) {
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return base + properties.path();
    }
}
