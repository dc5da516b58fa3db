package dev.autodeploy.deployer.deployment;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.data.web.PagedModel;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deployments (seed 001 and seed 000): {@code POST /api/v1/projects/{id}/deployments} deploys; list a project's
 * or all of the caller's deployments with filters; read one; {@code POST /api/v1/deployments/{id}/retry |
 * rollback | cancel}; roll back a project's environment to a commit or its last success; {@code PATCH
 * /api/v1/deployments/{id}/status} for CI callbacks (a user's token, or the deployment's callback token or
 * signature — the path is open at the gateway for that). New deployments answer 201 with the queued record.
 */
@RestController
class DeploymentController {

    static final String TOKEN_HEADER = "X-AutoDeploy-Token";
    static final String SIGNATURE_HEADER = "X-AutoDeploy-Signature";

    private final DeploymentRequests requests;

    DeploymentController(DeploymentRequests requests) {
        this.requests = requests;
    }

    @PostMapping("/api/v1/projects/{projectId}/deployments")
    ResponseEntity<DeploymentApi.DeploymentView> deploy(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId, @Valid @RequestBody(required = false) DeploymentApi.CreateDeployment request) {
        return created(requests.deploy(projectId, request == null
                ? new DeploymentApi.CreateDeployment(null, null, null, null) : request, userId(caller)));
    }

    @GetMapping("/api/v1/projects/{projectId}/deployments")
    PagedModel<DeploymentApi.DeploymentView> projectDeployments(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId, @RequestParam(required = false) String environment,
            @RequestParam(required = false) String status, @RequestParam(required = false) String action,
            @PageableDefault(size = 20) Pageable pageable) {
        return new PagedModel<>(requests.list(new DeploymentRequests.Filter(null, projectId, null, environment, status,
                action), userId(caller), pageable));
    }

    @GetMapping("/api/v1/deployments")
    PagedModel<DeploymentApi.DeploymentView> deployments(@AuthenticationPrincipal Jwt caller,
            @RequestParam(required = false) UUID organizationId, @RequestParam(required = false) UUID projectId,
            @RequestParam(required = false) String repo, @RequestParam(required = false) String environment,
            @RequestParam(required = false) String status, @RequestParam(required = false) String action,
            @PageableDefault(size = 20) Pageable pageable) {
        return new PagedModel<>(requests.list(new DeploymentRequests.Filter(organizationId, projectId, repo,
                environment, status, action), userId(caller), pageable));
    }

    @GetMapping("/api/v1/deployments/{id}")
    DeploymentApi.DeploymentView deployment(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return requests.view(id, userId(caller));
    }

    @PostMapping("/api/v1/deployments/{id}/retry")
    ResponseEntity<DeploymentApi.DeploymentView> retry(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        return created(requests.retry(id, userId(caller)));
    }

    @PostMapping("/api/v1/deployments/{id}/rollback")
    ResponseEntity<DeploymentApi.DeploymentView> rollback(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestBody(required = false) DeploymentApi.RollbackOptions options) {
        return created(requests.rollback(id, options != null && Boolean.TRUE.equals(options.keepCurrentVariables()),
                userId(caller)));
    }

    @PostMapping("/api/v1/projects/{projectId}/deployments/rollback")
    ResponseEntity<DeploymentApi.DeploymentView> rollbackToCommit(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId, @Valid @RequestBody DeploymentApi.RollbackToCommit request) {
        return created(requests.rollbackToCommit(projectId, request, userId(caller)));
    }

    @PostMapping("/api/v1/projects/{projectId}/deployments/rollback/last-success")
    ResponseEntity<DeploymentApi.DeploymentView> rollbackToLastSuccess(@AuthenticationPrincipal Jwt caller,
            @PathVariable UUID projectId,
            @Valid @RequestBody(required = false) DeploymentApi.RollbackToLastSuccess request) {
        return created(requests.rollbackToLastSuccess(projectId,
                request == null ? new DeploymentApi.RollbackToLastSuccess(null) : request, userId(caller)));
    }

    /** 200 once cancelled; 202 while its worker is stopping it (it ends {@code cancelled} within seconds). */
    @PostMapping("/api/v1/deployments/{id}/cancel")
    ResponseEntity<DeploymentApi.DeploymentView> cancel(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        DeploymentRequests.Cancellation cancellation = requests.cancel(id, userId(caller));
        return ResponseEntity.status(cancellation.now() ? HttpStatus.OK : HttpStatus.ACCEPTED)
                .body(cancellation.deployment());
    }

    @PatchMapping("/api/v1/deployments/{id}/status")
    DeploymentApi.DeploymentView report(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id,
            @RequestHeader(name = TOKEN_HEADER, required = false) String token,
            @RequestHeader(name = SIGNATURE_HEADER, required = false) String signature,
            @RequestBody(required = false) String body) {
        UUID user = caller != null && !caller.getSubject().startsWith("service:") ? userId(caller) : null;
        if (user == null && token == null && signature == null) {
            throw new DeploymentProblems.CallbackUnauthorized();
        }
        return requests.report(id, new DeploymentRequests.Reporter(user, token, signature), body);
    }

    private static ResponseEntity<DeploymentApi.DeploymentView> created(DeploymentApi.DeploymentView deployment) {
        return ResponseEntity.created(URI.create("/api/v1/deployments/" + deployment.id())).body(deployment);
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }
}
