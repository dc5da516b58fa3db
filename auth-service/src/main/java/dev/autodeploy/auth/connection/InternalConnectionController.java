package dev.autodeploy.auth.connection;

import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /internal/v1/users/{id}/connections/{provider}/token}: a user's decrypted provider token
 * for another service acting for that user. Only service tokens get here (see the internal security
 * chain); the gateway does not route {@code /internal/**}.
 */
@RestController
class InternalConnectionController {

    private static final Logger log = LoggerFactory.getLogger(InternalConnectionController.class);

    private final ProviderConnections connections;

    InternalConnectionController(ProviderConnections connections) {
        this.connections = connections;
    }

    @GetMapping("/internal/v1/users/{id}/connections/{provider}/token")
    ConnectionApi.ProviderToken token(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @PathVariable String provider) {
        Provider known = Provider.fromWire(provider).orElseThrow(ConnectionProblems.ConnectionNotFound::new);
        ConnectionApi.ProviderToken token = connections.token(id, known)
                .orElseThrow(ConnectionProblems.ConnectionNotFound::new);
        // An audit trail of who read which token; never the token.
        log.info("{} read the {} token of user {}", caller.getSubject(), known.wire(), id);
        return token;
    }
}
