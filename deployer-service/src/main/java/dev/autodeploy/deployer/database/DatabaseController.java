package dev.autodeploy.deployer.database;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/databases} (seed 001): provision a Postgres database for a project's environment, list a
 * project's, read one, its metrics (size, connections, commits, cache hit ratio), and delete it.
 */
@RestController
@RequestMapping("/api/v1/databases")
class DatabaseController {

    private final DatabaseRegistry registry;

    DatabaseController(DatabaseRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<DatabaseApi.DatabaseView> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody DatabaseApi.CreateDatabase request) {
        DatabaseApi.DatabaseView created = registry.create(request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/databases/" + created.id())).body(created);
    }

    @GetMapping
    List<DatabaseApi.DatabaseView> list(@AuthenticationPrincipal Jwt caller, @RequestParam UUID projectId) {
        return registry.list(projectId, userId(caller));
    }

    @GetMapping("/{id}")
    DatabaseApi.DatabaseView get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.view(id, userId(caller));
    }

    @GetMapping("/{id}/metrics")
    DatabaseApi.DatabaseMetrics metrics(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.metrics(id, userId(caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        registry.delete(id, userId(caller));
        return ResponseEntity.noContent().build();
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
