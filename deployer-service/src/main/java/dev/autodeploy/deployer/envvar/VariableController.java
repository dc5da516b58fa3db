package dev.autodeploy.deployer.envvar;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/projects/{id}/env[/{key}]} (seed 001) per environment ({@code ?environment=}, production by
 * default): list, add, set, delete, and {@code POST .../env/import} of {@code .env} text (JSON
 * {@code {content, secret, overwrite}}, or the text itself as {@code text/plain}). Secret values are never in a
 * response. Viewers list, admins change.
 */
@RestController
@RequestMapping("/api/v1/projects/{projectId}/env")
class VariableController {

    private static final String DEFAULT_ENVIRONMENT = "production";

    private final VariableStore store;

    VariableController(VariableStore store) {
        this.store = store;
    }

    @GetMapping
    VariableApi.VariableList list(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment) {
        return store.list(projectId, environment, userId(caller));
    }

    @PostMapping
    ResponseEntity<VariableApi.VariableView> create(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @Valid @RequestBody VariableApi.CreateVariable request) {
        VariableApi.VariableView created = store.create(projectId, environment, request, userId(caller));
        return ResponseEntity.created(location(projectId, environment, created.key())).body(created);
    }

    @PutMapping("/{key}")
    ResponseEntity<VariableApi.VariableView> put(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String key, @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @Valid @RequestBody VariableApi.PutVariable request) {
        VariableStore.Put put = store.put(projectId, environment, key, request, userId(caller));
        return put.created() ? ResponseEntity.created(location(projectId, environment, key)).body(put.variable())
                : ResponseEntity.ok(put.variable());
    }

    @DeleteMapping("/{key}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String key, @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment) {
        store.delete(projectId, environment, key, userId(caller));
        return ResponseEntity.noContent().build();
    }

    @PostMapping(path = "/import", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<VariableApi.ImportResult> importJson(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId, @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @Valid @RequestBody VariableApi.ImportVariables request) {
        return ResponseEntity.status(HttpStatus.OK).body(store.importDotenv(projectId, environment, request,
                userId(caller)));
    }

    /** {@code curl --data-binary @.env -H 'Content-Type: text/plain' ...?secret=true}. */
    @PostMapping(path = "/import", consumes = MediaType.TEXT_PLAIN_VALUE)
    ResponseEntity<VariableApi.ImportResult> importText(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId, @RequestParam(defaultValue = DEFAULT_ENVIRONMENT) String environment,
            @RequestParam(defaultValue = "false") boolean secret, @RequestParam(defaultValue = "true") boolean overwrite,
            @RequestBody String content) {
        if (content.length() > 1_048_576) {
            throw new VariableProblems.InvalidDotenv(java.util.List.of(java.util.Map.of("line", 0, "message",
                    "the text is longer than 1 MiB")));
        }
        return ResponseEntity.ok(store.importDotenv(projectId, environment,
                new VariableApi.ImportVariables(content, secret, overwrite), userId(caller)));
    }

    private static URI location(UUID projectId, String environment, String key) {
        return URI.create("/api/v1/projects/" + projectId + "/env/" + key + "?environment=" + environment);
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
