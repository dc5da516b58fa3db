package dev.autodeploy.monitor.deployment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/deployments/{id}/status} (seed 001): a deployment's status, steps and progress as the
 * monitor last heard them from the deployer, with its history — what a dashboard shows before its status stream
 * opens.
 */
@RestController
class DeploymentStatusController {

    private final DeploymentAccess access;
    private final DeploymentRecords records;
    private final DeploymentProgress progress;

    DeploymentStatusController(DeploymentAccess access, DeploymentRecords records, DeploymentProgress progress) {
        this.access = access;
        this.records = records;
        this.progress = progress;
    }

    @GetMapping("/api/v1/deployments/{id}/status")
    DeploymentStatusView status(@AuthenticationPrincipal Jwt caller, @PathVariable UUID id) {
        DeploymentRecord deployment = access.require(id, UUID.fromString(caller.getSubject()));
        List<StepRecord> steps = records.steps(id);
        return new DeploymentStatusView(deployment.id(), deployment.projectId(), deployment.environment(),
                deployment.action(), deployment.parentId(), deployment.status(), deployment.statusReason(),
                progress.percent(deployment, steps), deployment.target(), deployment.url(), deployment.commitSha(),
                deployment.createdAt(), deployment.startedAt(), deployment.finishedAt(),
                millis(deployment.startedAt(), deployment.finishedAt()), deployment.statusChangedAt(),
                steps.stream().map(step -> new StepView(step.name(), step.status(), step.startedAt(),
                        step.finishedAt(), millis(step.startedAt(), step.finishedAt()))).toList(),
                records.history(id));
    }

    private static Long millis(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis();
    }

    /**
     * The status of a deployment; {@code durationMs} once it has finished; {@code history} every status and step
     * change in the order they happened.
     */
    record DeploymentStatusView(UUID deploymentId, UUID projectId, String environment, String action, UUID parentId,
            String status, String reason, int progress, String target, String url, String commitSha,
            Instant createdAt, Instant startedAt, Instant finishedAt, Long durationMs, Instant updatedAt,
            List<StepView> steps, List<DeploymentRecords.HistoryEntry> history) {
    }

    record StepView(String name, String status, Instant startedAt, Instant finishedAt, Long durationMs) {
    }
}
