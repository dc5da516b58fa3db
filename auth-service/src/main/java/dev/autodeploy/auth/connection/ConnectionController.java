package dev.autodeploy.auth.connection;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/users/{id}/connections}: a user's own provider connections, listed (never a token) and unlinked. */
@RestController
@RequestMapping("/api/v1/users/{id}/connections")
class ConnectionController {

    private final ProviderConnections connections;

    ConnectionController(ProviderConnections connections) {
        this.connections = connections;
    }

    @GetMapping
    List<ConnectionApi.ConnectionView> list(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return connections.of(self(caller, id));
    }

    @DeleteMapping("/{provider}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void unlink(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id, @PathVariable String provider) {
        Provider known = Provider.fromWire(provider).orElseThrow(ConnectionProblems.ConnectionNotFound::new);
        if (!connections.unlink(self(caller, id), known)) {
            throw new ConnectionProblems.ConnectionNotFound();
        }
    }

    /** Only the user themself: anyone else (a service token too) learns nothing, not even that the user exists. */
    private static UUID self(Jwt caller, UUID id) {
        if (!id.toString().equals(caller.getSubject())) {
            throw new ConnectionProblems.UserNotFound();
        }
        return id;
    }
}
