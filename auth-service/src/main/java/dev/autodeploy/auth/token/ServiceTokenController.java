package dev.autodeploy.auth.token;

import java.time.Instant;

import dev.autodeploy.support.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /internal/v1/service-tokens}: a service trades its client credentials for a
 * short-lived token that opens auth-service's {@code /internal} API (client-credentials grant).
 */
@RestController
class ServiceTokenController {

    private static final Logger log = LoggerFactory.getLogger(ServiceTokenController.class);

    private final ServiceClients clients;
    private final AccessTokens tokens;
    private final ServiceClientProperties properties;

    ServiceTokenController(ServiceClients clients, AccessTokens tokens, ServiceClientProperties properties) {
        this.clients = clients;
        this.tokens = tokens;
        this.properties = properties;
    }

    record ClientCredentials(@NotBlank @Size(max = 100) String clientId, @NotBlank @Size(max = 512) String clientSecret) {

        @Override
        public String toString() {
            return "ClientCredentials[clientId=" + clientId + ", clientSecret=******]";
        }
    }

    record ServiceToken(String accessToken, String tokenType, long expiresIn, Instant expiresAt) {
    }

    @PostMapping("/internal/v1/service-tokens")
    ServiceToken issue(@Valid @RequestBody ClientCredentials credentials) {
        String service = clients.authenticate(credentials.clientId(), credentials.clientSecret()).orElseThrow(() -> {
            // The presented id is logged only when it is a configured client: anything else is caller-controlled text.
            log.warn("Refused a service token: wrong credentials for {}",
                    clients.knows(credentials.clientId()) ? "client " + credentials.clientId() : "an unknown client");
            return new InvalidClient();
        });
        AccessTokens.Issued issued = tokens.issueForService(service, properties.serviceTokenTtl());
        log.info("Issued a service token to {}", service);
        return new ServiceToken(issued.token(), "Bearer", properties.serviceTokenTtl().toSeconds(), issued.expiresAt());
    }

    static final class InvalidClient extends ApiException {
        InvalidClient() {
            super(HttpStatus.UNAUTHORIZED, "invalid-client", "Client id or secret is wrong.");
        }
    }
}
