package dev.autodeploy.monitor.alert;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Opens, acknowledges and resolves alerts, and queues the webhook notification of an opened or resolved one in the
 * same transaction (so none is lost). Opening while the rule's alert for the environment is still unresolved adds
 * nothing. Acknowledging needs an open alert, resolving an unresolved one (409 otherwise); both need a developer.
 */
@Component
class AlertLifecycle {

    private final Alerts alerts;
    private final AlertRules rules;
    private final WebhookDeliveries deliveries;
    private final WebhookPayloads payloads;
    private final OrganizationAccess access;
    private final AuditTrail audit;
    private final Clock clock;

    AlertLifecycle(Alerts alerts, AlertRules rules, WebhookDeliveries deliveries, JsonMapper json,
            OrganizationAccess access, AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.alerts = alerts;
        this.rules = rules;
        this.deliveries = deliveries;
        this.payloads = new WebhookPayloads(json);
        this.access = access;
        this.clock = clock;
    }

    /** In the caller's transaction. */
    Optional<Alert> open(AlertRule rule, String environment, UUID deploymentId, String summary) {
        Optional<Alert> opened = alerts.open(rule, environment, deploymentId, summary, clock.instant());
        opened.ifPresent(alert -> {
            notify(alert, rule, WebhookPayloads.OPENED);
            audit.record(AuditActor.system(), alert.organizationId(), "alert.opened", AuditTarget.of("alert", alert.id()),
                    null, facts(alert));
        });
        return opened;
    }

    /** Resolved automatically (the condition is over); in the caller's transaction. */
    void resolveAutomatically(Alert alert) {
        Alert resolved = alerts.resolve(alert.id(), null, clock.instant());
        rules.find(alert.ruleId()).ifPresent(rule -> notify(resolved, rule, WebhookPayloads.RESOLVED));
        audit.record(AuditActor.system(), alert.organizationId(), "alert.resolved", AuditTarget.of("alert", alert.id()),
                facts(alert), facts(resolved));
    }

    @Transactional
    Alert acknowledge(UUID id, UUID userId) {
        Alert alert = require(id, userId);
        if (!"open".equals(alert.status())) {
            throw new AlertProblems.IllegalAlertTransition(alert.status(), "acknowledged");
        }
        Alert acknowledged = alerts.acknowledge(id, userId, clock.instant());
        audit.record(alert.organizationId(), "alert.acknowledged", AuditTarget.of("alert", id), facts(alert),
                facts(acknowledged));
        return acknowledged;
    }

    @Transactional
    Alert resolve(UUID id, UUID userId) {
        Alert alert = require(id, userId);
        if ("resolved".equals(alert.status())) {
            throw new AlertProblems.IllegalAlertTransition(alert.status(), "resolved");
        }
        Alert resolved = alerts.resolve(id, userId, clock.instant());
        rules.find(alert.ruleId()).ifPresent(rule -> notify(resolved, rule, WebhookPayloads.RESOLVED));
        audit.record(alert.organizationId(), "alert.resolved", AuditTarget.of("alert", id), facts(alert),
                facts(resolved));
        return resolved;
    }

    private Alert require(UUID id, UUID userId) {
        Alert alert = alerts.lock(id).orElseThrow(AlertProblems.AlertNotFound::new);
        access.require(alert.organizationId(), userId, Role.DEVELOPER, AlertProblems.AlertNotFound::new);
        return alert;
    }

    /** What the audit log keeps of an alert. */
    private static java.util.Map<String, Object> facts(Alert alert) {
        java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>();
        facts.put("ruleId", alert.ruleId());
        facts.put("projectId", alert.projectId());
        facts.put("environment", alert.environment());
        facts.put("type", alert.type());
        facts.put("status", alert.status());
        return facts;
    }

    private void notify(Alert alert, AlertRule rule, String event) {
        deliveries.add(alert, rule, event, payloads.body(event, alert, rule.webhookFormat()), clock.instant());
    }
}
