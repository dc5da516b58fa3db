package dev.autodeploy.auth.token;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The services that may ask for a service token ({@code autodeploy.auth.service-clients.<name>.secret},
 * secrets only from the environment; a blank secret switches the client off) and how long such a
 * token lives.
 */
@Validated
@ConfigurationProperties("autodeploy.auth")
record ServiceClientProperties(@DefaultValue Map<String, Client> serviceClients,
        @DefaultValue("5m") @NotNull Duration serviceTokenTtl) {

    record Client(String secret) {

        /** The secret must never reach a log or a failure report through a generated toString. */
        @Override
        public String toString() {
            return "Client[secret=******]";
        }
    }

    @Override
    public String toString() {
        return "ServiceClientProperties[serviceClients="
                + serviceClients.keySet().stream().collect(Collectors.joining(", ", "[", "]"))
                + ", serviceTokenTtl=" + serviceTokenTtl + "]";
    }
}
