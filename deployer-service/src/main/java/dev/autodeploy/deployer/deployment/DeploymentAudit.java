package dev.autodeploy.deployer.deployment;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * The audit-log entries of deployments: what users, Git hosts and CI systems asked for (created, cancelled, a
 * reported status) and what the platform did on its own that a user would look for (an automatic rollback, a
 * queued deployment superseded by a newer one, a CI run that never reported). Each is called inside the
 * transaction of its change. The steps a worker runs through (building → ready) are events, not actions, and are
 * not audited. The callback token is never part of an entry.
 */
@Component
class DeploymentAudit {

    static final String TARGET = "deployment";

    private final AuditTrail audit;

    DeploymentAudit(AuditTrail audit) {
        this.audit = audit;
    }

    /** What an entry keeps of a deployment. */
    record Snapshot(UUID projectId, String environment, UUID environmentId, String action, UUID parentId,
            String status, String target, String repositoryUrl, String branch, String commitSha,
            boolean provisionDatabase, Map<String, Object> metadata) {

        static Snapshot of(Deployment deployment) {
            return new Snapshot(deployment.projectId(), deployment.environment(), deployment.environmentId(),
                    deployment.action(), deployment.parentId(), deployment.status().wire(), deployment.target(),
                    deployment.repositoryUrl(), deployment.branch(), deployment.commitSha(),
                    deployment.provisionDatabase(), deployment.metadata());
        }
    }

    /** A user's deploy, retry or rollback; a user-less one is a Git host's, recorded by {@link #triggered}. */
    void created(Deployment deployment, UUID userId) {
        if (userId != null) {
            record(AuditActor.user(userId), deployment, "deployment.created", null, Snapshot.of(deployment));
        }
    }

    /** A deployment a Git host's push or pull request queued (its metadata says which delivery). */
    void triggered(Deployment deployment) {
        record(AuditActor.webhook(), deployment, "deployment.created", null, Snapshot.of(deployment));
    }

    /** A cancellation asked for by a user, or (no user) by a Git host's webhook closing a pull request. */
    void cancelled(Deployment before, UUID userId, String reason) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", DeploymentStatus.CANCELLED.wire());
        after.put("cancelRequested", true);
        after.put("reason", reason);
        record(userId != null ? AuditActor.user(userId) : AuditActor.webhook(), before, "deployment.cancelled",
                state(before), after);
    }

    /** A status (and metadata) a CI system — or a user in its place — reported for the deployment. */
    void statusReported(Deployment before, UUID userId, DeploymentStatus status, DeploymentApi.StatusReport report) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", status.wire());
        if (report.reason() != null) {
            after.put("reason", report.reason());
        }
        if (report.url() != null) {
            after.put("url", report.url());
        }
        if (report.metadata() != null && !report.metadata().isEmpty()) {
            after.put("metadata", report.metadata());
        }
        record(userId != null ? AuditActor.user(userId) : AuditActor.webhook(), before, "deployment.status-reported",
                state(before), after);
    }

    /** The platform cancelled a queued deployment because a newer one of the environment runs instead. */
    void superseded(Deployment cancelled, UUID by, String reason) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("status", cancelled.status().wire());
        after.put("supersededBy", by.toString());
        after.put("reason", reason);
        record(AuditActor.system(), cancelled, "deployment.cancelled", Map.of("status", "queued"), after);
    }

    /** The sweeper ended a deployment whose CI system never reported an outcome. */
    void timedOut(Deployment ended, String previousStatus, String reason) {
        record(AuditActor.system(), ended, "deployment.timed-out", Map.of("status", previousStatus),
                Map.of("status", ended.status().wire(), "reason", reason));
    }

    /** The target kept (went back to) the release the environment served before the deployment failed. */
    void rolledBack(Deployment failed, UUID servingDeploymentId, String reason) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("rolledBackTo", servingDeploymentId.toString());
        after.put("automatic", true);
        after.put("environment", failed.environment());
        after.put("reason", reason);
        record(AuditActor.system(), failed, "deployment.rolled-back", null, after);
    }

    private void record(AuditActor actor, Deployment deployment, String action, Object before, Object after) {
        audit.record(actor, deployment.organizationId(), action, AuditTarget.of(TARGET, deployment.id()), before,
                after);
    }

    private static Map<String, Object> state(Deployment deployment) {
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("status", deployment.status().wire());
        state.put("environment", deployment.environment());
        state.put("commitSha", deployment.commitSha());
        return state;
    }
}
