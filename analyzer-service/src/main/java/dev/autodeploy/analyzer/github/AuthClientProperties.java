package dev.autodeploy.analyzer.github;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * This service's client credentials at auth-service, traded for short-lived service tokens.
 *
 * @param clientId the configured client ({@code autodeploy.auth.service-clients.<id>} in auth-service)
 * @param clientSecret from the environment only ({@code ANALYZER_SERVICE_CLIENT_SECRET}); blank turns GitHub off
 */
@ConfigurationProperties("autodeploy.analyzer.auth-client")
public record AuthClientProperties(@DefaultValue("analyzer-service") String clientId, String clientSecret) {

    boolean configured() {
        return clientSecret != null && !clientSecret.isBlank();
    }

    @Override
    public String toString() {
        return "AuthClientProperties[clientId=" + clientId + ", clientSecret=******]";
    }
}
