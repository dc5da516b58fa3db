package dev.autodeploy.deployer.project;

import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
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
 * {@code /api/v1/projects} and {@code /api/v1/projects/{id}/environments}: create a project from an analyzed
 * repository, list (with a text filter), read, edit (build configuration overrides too) and delete projects;
 * list, add, read, edit and delete their environments. Viewers read, developers create and edit projects,
 * admins manage environments and delete; other organizations' projects answer 404.
 */
@RestController
@RequestMapping("/api/v1/projects")
@Validated
class ProjectController {

    private static final Set<String> SORTABLE = Set.of("name", "slug", "createdAt", "updatedAt");

    private final ProjectRegistry registry;

    ProjectController(ProjectRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<ProjectApi.ProjectView> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody ProjectApi.CreateProject request) {
        ProjectApi.ProjectView created = registry.create(request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + created.id())).body(created);
    }

    @GetMapping
    PagedModel<ProjectApi.ProjectView> list(@AuthenticationPrincipal Jwt caller, @RequestParam UUID organizationId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @PageableDefault(size = 20, sort = "name", direction = Sort.Direction.ASC) Pageable pageable) {
        for (Sort.Order order : pageable.getSort()) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw new ProjectProblems.InvalidSort(String.join(", ", SORTABLE));
            }
        }
        return new PagedModel<>(registry.list(organizationId, q, userId(caller), pageable));
    }

    @GetMapping("/{id}")
    ProjectApi.ProjectView get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.view(id, userId(caller));
    }

    @PutMapping("/{id}")
    ProjectApi.ProjectView update(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody ProjectApi.UpdateProject request) {
        return registry.update(id, request, userId(caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        registry.delete(id, userId(caller));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/environments")
    List<ProjectApi.EnvironmentView> environments(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.environments(id, userId(caller));
    }

    @PostMapping("/{id}/environments")
    ResponseEntity<ProjectApi.EnvironmentView> createEnvironment(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID id, @Valid @RequestBody ProjectApi.CreateEnvironment request) {
        ProjectApi.EnvironmentView created = registry.createEnvironment(id, request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + id + "/environments/" + created.name()))
                .body(created);
    }

    @GetMapping("/{id}/environments/{name}")
    ProjectApi.EnvironmentView environment(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @PathVariable String name) {
        return registry.environment(id, name, userId(caller));
    }

    @PutMapping("/{id}/environments/{name}")
    ProjectApi.EnvironmentView updateEnvironment(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @PathVariable String name, @Valid @RequestBody ProjectApi.UpdateEnvironment request) {
        return registry.updateEnvironment(id, name, request, userId(caller));
    }

    @DeleteMapping("/{id}/environments/{name}")
    ResponseEntity<Void> deleteEnvironment(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @PathVariable String name) {
        registry.deleteEnvironment(id, name, userId(caller));
        return ResponseEntity.noContent().build();
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
