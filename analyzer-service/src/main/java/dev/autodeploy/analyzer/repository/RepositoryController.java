package dev.autodeploy.analyzer.repository;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

import dev.autodeploy.analyzer.github.GitHub;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
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
 * {@code /api/v1/repositories}: register any Git URL, discover and import the caller's GitHub
 * repositories, list, read and remove an organization's repositories. Viewers read, developers
 * register and import, admins remove; other organizations' repositories answer 404.
 */
@RestController
@RequestMapping("/api/v1/repositories")
class RepositoryController {

    private static final Set<String> SORTABLE = Set.of("fullName", "createdAt", "updatedAt");

    private final RepositoryRegistry registry;

    RepositoryController(RepositoryRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<RepositoryApi.RepositoryView> register(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody RepositoryApi.RegisterRepository request) {
        RepositoryApi.RepositoryView created = registry.register(request, userId(caller));
        return ResponseEntity.created(location(created)).body(created);
    }

    @GetMapping
    PagedModel<RepositoryApi.RepositoryView> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam UUID organizationId,
            @PageableDefault(size = 20, sort = "fullName", direction = Sort.Direction.ASC) Pageable pageable) {
        for (Sort.Order order : pageable.getSort()) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw new RepositoryProblems.InvalidSort(String.join(", ", SORTABLE));
            }
        }
        return new PagedModel<>(registry.list(organizationId, userId(caller), pageable));
    }

    @GetMapping("/{id}")
    RepositoryApi.RepositoryView get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.view(id, userId(caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        registry.delete(id, userId(caller));
        return ResponseEntity.noContent().build();
    }

    /** The caller's GitHub repositories, marked with whether the organization has registered them. */
    @GetMapping("/github")
    RepositoryApi.GitHubRepositoryPage discover(@AuthenticationPrincipal Jwt caller, @RequestParam UUID organizationId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(1000) int page,
            @RequestParam(defaultValue = "30") @Min(1) @Max(GitHub.MAX_PAGE_SIZE) int size) {
        return registry.discover(organizationId, userId(caller), page, size);
    }

    @PostMapping("/github")
    ResponseEntity<RepositoryApi.RepositoryView> importFromGitHub(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody RepositoryApi.ImportGitHubRepository request) {
        RepositoryApi.RepositoryView created = registry.importFromGitHub(request, userId(caller));
        return ResponseEntity.created(location(created)).body(created);
    }

    private static URI location(RepositoryApi.RepositoryView repository) {
        return URI.create("/api/v1/repositories/" + repository.id());
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
