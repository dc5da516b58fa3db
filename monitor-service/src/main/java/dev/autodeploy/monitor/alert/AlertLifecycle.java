package dev.autodeploy.monitor.alert;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

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
    private final Clock clock;

    AlertLifecycle(Alerts alerts, AlertRules rules, WebhookDeliveries deliveries, JsonMapper json,
            OrganizationAccess access, Clock clock) {
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
        opened.ifPresent(alert -> notify(alert, rule, WebhookPayloads.OPENED));
        return opened;
    }

    /** Resolved automatically (the condition is over); in the caller's transaction. */
    void resolveAutomatically(Alert alert) {
        Alert resolved = alerts.resolve(alert.id(), null, clock.instant());
        rules.find(alert.ruleId()).ifPresent(rule -> notify(resolved, rule, WebhookPayloads.RESOLVED));
    }

    @Transactional
    Alert acknowledge(UUID id, UUID userId) {
        Alert alert = require(id, userId);
        if (!"open".equals(alert.status())) {
            throw new AlertProblems.IllegalAlertTransition(alert.status(), "acknowledged");
        }
        return alerts.acknowledge(id, userId, clock.instant());
    }

    @Transactional
    Alert resolve(UUID id, UUID userId) {
        Alert alert = require(id, userId);
        if ("resolved".equals(alert.status())) {
            throw new AlertProblems.IllegalAlertTransition(alert.status(), "resolved");
        }
        Alert resolved = alerts.resolve(id, userId, clock.instant());
        rules.find(alert.ruleId()).ifPresent(rule -> notify(resolved, rule, WebhookPayloads.RESOLVED));
        return resolved;
    }

    private Alert require(UUID id, UUID userId) {
        Alert alert = alerts.lock(id).orElseThrow(AlertProblems.AlertNotFound::new);
        access.require(alert.organizationId(), userId, Role.DEVELOPER, AlertProblems.AlertNotFound::new);
        return alert;
    }

    private void notify(Alert alert, AlertRule rule, String event) {
        deliveries.add(alert, rule, event, payloads.body(event, alert, rule.webhookFormat()), clock.instant());
    }
}
