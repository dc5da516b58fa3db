package dev.autodeploy.deployer.cicd;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** STAND-IN until the lead's foundation lands: RestClient builders whose 4xx/5xx become ProviderCallException. */
@Component
public class ProviderRestClients {

    public RestClient.Builder builder(String provider) {
        SimpleClientHttpRequestFactory factory = new SimpleClientHttpRequestFactory();
        factory.setConnectTimeout(Duration.ofSeconds(5));
        factory.setReadTimeout(Duration.ofSeconds(20));
        return RestClient.builder().requestFactory(factory).defaultStatusHandler(status -> status.isError(),
                (request, response) -> {
                    String retryAfter = response.getHeaders().getFirst("Retry-After");
                    throw new ProviderCallException(provider, response.getStatusCode().value(), parse(retryAfter),
                            provider + " answered " + response.getStatusCode().value() + " to " + request.getMethod()
                                    + " " + request.getURI().getPath());
                });
    }

    private static Duration parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.strip()));
        }
        catch (NumberFormatException ex) {
            try {
                return Duration.between(Instant.now(),
                        ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            }
            catch (RuntimeException ignored) {
                return null;
            }
        }
    }
}
