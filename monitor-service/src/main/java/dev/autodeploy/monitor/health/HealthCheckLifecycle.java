package dev.autodeploy.monitor.health;

import java.time.Clock;
import java.time.Instant;

import dev.autodeploy.monitor.deployment.DeploymentChanged;
import dev.autodeploy.monitor.deployment.DeploymentRecord;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Starts the health check of a deployment that became ready with a URL — the environment's live deployment —
 * and stops the one it supersedes; stops a deployment's check when it is cancelled or ends in error. Deployments of
 * one environment may arrive out of order (they are keyed by deployment): the one that became ready last wins.
 */
@Component
class HealthCheckLifecycle {

    private static final Logger log = LoggerFactory.getLogger(HealthCheckLifecycle.class);

    private final HealthChecks checks;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;
    private final Clock clock;

    HealthCheckLifecycle(HealthChecks checks, TransactionTemplate transactions, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.checks = checks;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener
    void on(DeploymentChanged changed) {
        DeploymentRecord deployment = changed.deployment();
        if (changed.event().step() != null || deployment.environment() == null) {
            return;
        }
        try {
            switch (deployment.status()) {
                case "ready" -> {
                    if (deployment.url() != null && !deployment.url().isBlank()) {
                        transactions.executeWithoutResult(status -> start(deployment));
                    }
                }
                case "cancelled", "error" -> transactions.executeWithoutResult(status -> {
                    if (checks.stop(deployment.id(), deployment.status())) {
                        audit.record(AuditActor.system(), deployment.organizationId(), "health_check.stopped",
                                AuditTarget.of("health_check", deployment.id()), null,
                                java.util.Map.of("reason", deployment.status()));
                    }
                });
                default -> {
                }
            }
        }
        catch (RuntimeException ex) {
            // The projection already committed the change; a failure here must not make the listener redeliver it.
            log.warn("Could not update the health check of deployment {}", deployment.id(), ex);
        }
    }

    private void start(DeploymentRecord deployment) {
        Instant liveSince = deployment.finishedAt() != null ? deployment.finishedAt() : deployment.statusChangedAt();
        checks.lockEnvironment(deployment.projectId(), deployment.environment());
        boolean superseded = checks.newerLive(deployment.projectId(), deployment.environment(), deployment.id(),
                liveSince);
        if (checks.insert(deployment, liveSince, !superseded, clock.instant())) {
            // Started by the platform for the deployment that went live: its id is the check's.
            java.util.Map<String, Object> after = new java.util.LinkedHashMap<>();
            after.put("projectId", deployment.projectId());
            after.put("environment", deployment.environment());
            after.put("url", deployment.url());
            after.put("active", !superseded);
            audit.record(AuditActor.system(), deployment.organizationId(), "health_check.started",
                    AuditTarget.of("health_check", deployment.id()), null, after);
        }
        if (!superseded) {
            var stopped = checks.supersedeOlder(deployment.projectId(), deployment.environment(), deployment.id(),
                    liveSince);
            if (!stopped.isEmpty()) {
                log.info("Deployment {} is live in {}; no longer probing {}", deployment.id(), deployment.environment(),
                        stopped);
            }
        }
    }
}
