package dev.autodeploy.monitor.health;

import java.util.List;
import java.util.UUID;

import dev.autodeploy.monitor.deployment.DeploymentAccess;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.support.web.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/health-checks?projectId=&environment=}: the state of each environment's live deployment;
 * {@code GET /api/v1/health-checks/{deploymentId}?page=&size=}: one deployment's check with its recent results,
 * newest first. Members of the organization only (any role); everyone else gets 404.
 */
@RestController
@Validated
@RequestMapping("/api/v1/health-checks")
class HealthCheckController {

    private final HealthChecks checks;
    private final DeploymentAccess deployments;
    private final OrganizationAccess access;
    private final JdbcClient jdbc;

    HealthCheckController(HealthChecks checks, DeploymentAccess deployments, OrganizationAccess access,
            JdbcClient jdbc) {
        this.checks = checks;
        this.deployments = deployments;
        this.access = access;
        this.jdbc = jdbc;
    }

    @GetMapping
    HealthCheckApi.HealthCheckList list(@AuthenticationPrincipal Jwt caller, @RequestParam UUID projectId,
            @RequestParam(required = false) String environment) {
        List<UUID> organizations = jdbc.sql("SELECT DISTINCT organization_id FROM deployments WHERE project_id = ?")
                .param(projectId).query(UUID.class).list();
        UUID userId = userId(caller);
        if (organizations.stream().noneMatch(org -> access.roleOf(org, userId).isPresent())) {
            throw new ProjectNotFound();
        }
        return new HealthCheckApi.HealthCheckList(projectId, checks.live(projectId, blankToNull(environment)).stream()
                .filter(check -> access.roleOf(check.organizationId(), userId).isPresent())
                .map(HealthCheckApi.HealthCheckView::of).toList());
    }

    @GetMapping("/{deploymentId}")
    HealthCheckApi.HealthCheckDetail detail(@AuthenticationPrincipal Jwt caller, @PathVariable UUID deploymentId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        deployments.require(deploymentId, userId(caller));
        HealthCheck check = checks.find(deploymentId).orElseThrow(HealthCheckNotFound::new);
        long total = checks.countResults(deploymentId);
        List<HealthCheckApi.ProbeResultView> results = checks.results(deploymentId, (long) page * size, size).stream()
                .map(r -> new HealthCheckApi.ProbeResultView(r.checkedAt(), r.healthy(), r.statusCode(),
                        r.latencyMs(), r.error()))
                .toList();
        return new HealthCheckApi.HealthCheckDetail(HealthCheckApi.HealthCheckView.of(check),
                new HealthCheckApi.ResultPage(results, page, size, total, (total + size - 1) / size));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static UUID userId(Jwt caller) {
        return UUID.fromString(caller.getSubject());
    }

    /** Also the answer about another organization's project. */
    static final class ProjectNotFound extends ApiException {
        ProjectNotFound() {
            super(HttpStatus.NOT_FOUND, "project-not-found", "No such project.");
        }
    }

    /** The deployment exists but was never live (never ready with a URL), so it has no health check. */
    static final class HealthCheckNotFound extends ApiException {
        HealthCheckNotFound() {
            super(HttpStatus.NOT_FOUND, "health-check-not-found", "The deployment has no health check.");
        }
    }
}
