package dev.autodeploy.analyzer.github;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * auth-service's internal API as this service calls it (HTTP service group {@code auth-service},
 * resolved by service id through the load balancer): a service token for client credentials, then
 * a user's provider token with it.
 */
@HttpExchange(accept = "application/json")
interface AuthServiceApi {

    @PostExchange(url = "/internal/v1/service-tokens", contentType = "application/json")
    ServiceToken serviceToken(@RequestBody ClientCredentials credentials);

    @GetExchange("/internal/v1/users/{userId}/connections/{provider}/token")
    ProviderToken providerToken(@RequestHeader("Authorization") String authorization, @PathVariable UUID userId,
            @PathVariable String provider);

    record ClientCredentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=******]";
        }
    }

    record ServiceToken(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {

        @Override
        public String toString() {
            return "ServiceToken[accessToken=******, expiresAt=" + expiresAt + "]";
        }
    }

    record ProviderToken(String provider, String accessToken, List<String> scopes, String teamId) {

        @Override
        public String toString() {
            return "ProviderToken[provider=" + provider + ", accessToken=******, scopes=" + scopes + "]";
        }
    }
}
