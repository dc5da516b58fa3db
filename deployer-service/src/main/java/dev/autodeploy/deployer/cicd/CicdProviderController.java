package dev.autodeploy.deployer.cicd;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
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
 * {@code /api/v1/cicd-providers}: the Jenkins servers, GitHub and GitLab accounts and clusters an organization
 * deploys through. Admins register, edit and remove them; developers test their connection; members list them.
 * The secret is write-only.
 */
@RestController
@RequestMapping("/api/v1/cicd-providers")
@Validated
class CicdProviderController {

    private final CicdProviderRegistry registry;

    CicdProviderController(CicdProviderRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    ResponseEntity<CicdProviderApi.ProviderView> create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody CicdProviderApi.CreateProvider request) {
        CicdProviderApi.ProviderView created = registry.create(request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/cicd-providers/" + created.id())).body(created);
    }

    @GetMapping
    PagedModel<CicdProviderApi.ProviderView> list(@AuthenticationPrincipal Jwt caller,
            @RequestParam UUID organizationId,
            @RequestParam(required = false) @Pattern(regexp = "[a-z0-9-]{1,40}") String type,
            @PageableDefault(size = 20, sort = "name", direction = Sort.Direction.ASC) Pageable pageable) {
        return new PagedModel<>(registry.list(organizationId, type, userId(caller), pageable));
    }

    @GetMapping("/{id}")
    CicdProviderApi.ProviderView get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.get(id, userId(caller));
    }

    @PutMapping("/{id}")
    CicdProviderApi.ProviderView update(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody CicdProviderApi.UpdateProvider request) {
        return registry.update(id, request, userId(caller));
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        registry.delete(id, userId(caller));
        return ResponseEntity.noContent().build();
    }

    /** 200 either way: {@code ok} says whether the provider accepted the stored credentials. */
    @PostMapping("/{id}/test")
    CicdProviderApi.ConnectionTest test(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return registry.test(id, userId(caller));
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
