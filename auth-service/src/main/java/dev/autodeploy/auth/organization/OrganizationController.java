package dev.autodeploy.auth.organization;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.data.web.PageableDefault;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/organizations}: organizations, members and invitations of the caller. */
@RestController
@RequestMapping("/api/v1/organizations")
class OrganizationController {

    // The sort reaches a JPQL query: anything else is refused here, not by Hibernate as a 500.
    private static final Set<String> SORTABLE = Set.of("name", "slug", "createdAt", "updatedAt");

    private final Organizations organizations;

    OrganizationController(Organizations organizations) {
        this.organizations = organizations;
    }

    @GetMapping
    PagedModel<OrganizationApi.OrganizationView> list(@AuthenticationPrincipal Jwt caller,
            @PageableDefault(size = 20, sort = "name") Pageable pageable) {
        for (Sort.Order order : pageable.getSort()) {
            if (!SORTABLE.contains(order.getProperty())) {
                throw new OrganizationProblems.InvalidSort(String.join(", ", SORTABLE));
            }
        }
        return new PagedModel<>(organizations.listOf(userId(caller), pageable));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationApi.OrganizationView create(@AuthenticationPrincipal Jwt caller,
            @Valid @RequestBody OrganizationApi.CreateOrganization request) {
        return organizations.create(userId(caller), request);
    }

    @GetMapping("/{id}")
    OrganizationApi.OrganizationView get(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return organizations.get(id, userId(caller));
    }

    @PutMapping("/{id}")
    OrganizationApi.OrganizationView update(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody OrganizationApi.UpdateOrganization request) {
        return organizations.update(id, userId(caller), request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        organizations.delete(id, userId(caller));
    }

    @GetMapping("/{id}/members")
    List<OrganizationApi.MemberView> members(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return organizations.members(id, userId(caller));
    }

    @PostMapping("/{id}/members")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationApi.MemberView addMember(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody OrganizationApi.AddMember request) {
        return organizations.addMember(id, userId(caller), request);
    }

    @PutMapping("/{id}/members/{userId}")
    OrganizationApi.MemberView changeRole(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @PathVariable UUID userId, @Valid @RequestBody OrganizationApi.ChangeRole request) {
        return organizations.changeRole(id, userId(caller), userId, request.role());
    }

    @DeleteMapping("/{id}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void removeMember(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id, @PathVariable UUID userId) {
        organizations.removeMember(id, userId(caller), userId);
    }

    @GetMapping("/{id}/invitations")
    List<OrganizationApi.InvitationView> invitations(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return organizations.invitations(id, userId(caller));
    }

    @PostMapping("/{id}/invitations")
    @ResponseStatus(HttpStatus.CREATED)
    OrganizationApi.InvitationView invite(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @Valid @RequestBody OrganizationApi.Invite request) {
        return organizations.invite(id, userId(caller), request);
    }

    static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
