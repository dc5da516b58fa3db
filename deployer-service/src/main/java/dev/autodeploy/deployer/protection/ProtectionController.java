package dev.autodeploy.deployer.protection;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import dev.autodeploy.deployer.deployment.DeploymentGuard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployment protection: {@code GET|PUT /api/v1/projects/{id}/environments/{env}/protection} (viewers read,
 * admins change), elevated access grants on {@code .../access-grants} (admins grant and revoke), and the
 * approval of deployments: {@code GET /api/v1/deployments/{id}/approvals}, {@code POST .../approve | reject}.
 */
@RestController
@Tag(name = "Deployment protection", description = "Allowed branches, deploy roles, approvals, freezes and"
        + " elevated access per environment")
class ProtectionController {

    private static final String ENVIRONMENT = "/api/v1/projects/{projectId}/environments/{environment}";

    private final EnvironmentProtection protection;
    private final AccessGrants grants;
    private final DeploymentApprovals approvals;

    ProtectionController(EnvironmentProtection protection, AccessGrants grants, DeploymentApprovals approvals) {
        this.protection = protection;
        this.grants = grants;
        this.approvals = approvals;
    }

    @GetMapping(ENVIRONMENT + "/protection")
    @Operation(summary = "The environment's protection, with the freeze in force now (viewer or higher)")
    ProtectionApi.ProtectionView protection(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String environment) {
        return protection.get(projectId, environment, userId(caller));
    }

    @PutMapping(ENVIRONMENT + "/protection")
    @Operation(summary = "Replaces the environment's protection (admin or higher); 422 invalid-protection lists"
            + " what is wrong and changes nothing")
    ProtectionApi.ProtectionView protect(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String environment, @RequestBody ProtectionApi.ProtectionSettings settings) {
        return protection.put(projectId, environment, settings, userId(caller));
    }

    @GetMapping(ENVIRONMENT + "/access-grants")
    @Operation(summary = "The environment's elevated access grants, active and ended, newest first")
    List<ProtectionApi.GrantView> grants(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String environment) {
        return grants.list(projectId, environment, userId(caller));
    }

    @PostMapping(ENVIRONMENT + "/access-grants")
    @Operation(summary = "Grants a member deploy rights on the environment for 1 to 72 hours (admin or higher)")
    ResponseEntity<ProtectionApi.GrantView> grant(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String environment, @RequestBody ProtectionApi.CreateGrant request) {
        ProtectionApi.GrantView grant = grants.grant(projectId, environment, request, userId(caller));
        return ResponseEntity.created(URI.create("/api/v1/projects/" + projectId + "/environments/" + environment
                + "/access-grants/" + grant.id())).body(grant);
    }

    @DeleteMapping(ENVIRONMENT + "/access-grants/{grantId}")
    @Operation(summary = "Revokes the grant at once (admin or higher)")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt caller, @PathVariable UUID projectId,
            @PathVariable String environment, @PathVariable UUID grantId) {
        grants.revoke(projectId, environment, grantId, userId(caller));
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/v1/deployments/{id}/approvals")
    @Operation(summary = "What the deployment's approval needs and the votes so far")
    DeploymentGuard.Approval approvals(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return approvals.approval(id, userId(caller));
    }

    @PostMapping("/api/v1/deployments/{id}/approve")
    @Operation(summary = "Approves a deployment awaiting approval (the environment's approver role; not its"
            + " requester); enough approvals queue it")
    DeploymentGuard.Approval approve(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestBody(required = false) ProtectionApi.Vote vote) {
        return approvals.approve(id, vote == null ? null : vote.comment(), userId(caller));
    }

    @PostMapping("/api/v1/deployments/{id}/reject")
    @Operation(summary = "Rejects a deployment awaiting approval: it ends cancelled")
    DeploymentGuard.Approval reject(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestBody(required = false) ProtectionApi.Vote vote) {
        return approvals.reject(id, vote == null ? null : vote.comment(), userId(caller));
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
