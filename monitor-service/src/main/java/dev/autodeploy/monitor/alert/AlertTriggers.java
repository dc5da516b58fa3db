package dev.autodeploy.monitor.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.monitor.deployment.DeploymentChanged;
import dev.autodeploy.monitor.deployment.DeploymentRecord;
import dev.autodeploy.monitor.deployment.DeploymentRecords;
import dev.autodeploy.monitor.logs.LogLine;
import dev.autodeploy.monitor.logs.LogLinesIngested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When rules fire: {@code deployment-failed} on a deployment that ended in error; {@code error-log-rate} when stored
 * error lines of an environment reach the threshold within the window; {@code health-check-failing} when the live
 * deployment of an environment has been unhealthy for the rule's minutes — that alert resolves itself once the
 * environment is no longer unhealthy. Rules match only events of their organization and project.
 */
@Component
class AlertTriggers {

    private static final Logger log = LoggerFactory.getLogger(AlertTriggers.class);

    private final AlertRules rules;
    private final Alerts alerts;
    private final AlertLifecycle lifecycle;
    private final DeploymentRecords deployments;
    private final AlertProperties properties;
    private final TransactionTemplate transactions;
    private final JdbcClient jdbc;
    private final Clock clock;

    AlertTriggers(AlertRules rules, Alerts alerts, AlertLifecycle lifecycle, DeploymentRecords deployments,
            AlertProperties properties, TransactionTemplate transactions, JdbcClient jdbc, Clock clock) {
        this.rules = rules;
        this.alerts = alerts;
        this.lifecycle = lifecycle;
        this.deployments = deployments;
        this.properties = properties;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @EventListener
    void on(DeploymentChanged changed) {
        DeploymentRecord deployment = changed.deployment();
        if (changed.event().step() != null || !"error".equals(deployment.status())) {
            return;
        }
        try {
            transactions.executeWithoutResult(status -> {
                for (AlertRule rule : rules.enabled(AlertRuleType.DEPLOYMENT_FAILED, deployment.projectId())) {
                    if (rule.matches(deployment.organizationId(), deployment.projectId(), deployment.environment())) {
                        String reason = deployment.statusReason() == null ? "" : ": " + deployment.statusReason();
                        lifecycle.open(rule, environment(deployment), deployment.id(), "Deployment of "
                                + shortSha(deployment.commitSha()) + " to " + environment(deployment) + " failed"
                                + reason);
                    }
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not evaluate deployment-failed rules for deployment {}", deployment.id(), ex);
        }
    }

    @EventListener
    void on(LogLinesIngested ingested) {
        Map<UUID, Long> errorsByDeployment = new LinkedHashMap<>();
        for (LogLine line : ingested.lines()) {
            if (isError(line.level())) {
                errorsByDeployment.merge(line.deploymentId(), 1L, Long::sum);
            }
        }
        for (UUID deploymentId : errorsByDeployment.keySet()) {
            try {
                deployments.find(deploymentId).ifPresent(this::evaluateErrorRate);
            }
            catch (RuntimeException ex) {
                log.warn("Could not evaluate error-log-rate rules for deployment {}", deploymentId, ex);
            }
        }
    }

    private void evaluateErrorRate(DeploymentRecord deployment) {
        List<AlertRule> matching = rules.enabled(AlertRuleType.ERROR_LOG_RATE, deployment.projectId()).stream()
                .filter(rule -> rule.matches(deployment.organizationId(), deployment.projectId(),
                        deployment.environment()))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> {
            for (AlertRule rule : matching) {
                long errors = jdbc.sql("""
                        SELECT count(*) FROM deployment_logs l JOIN deployments d ON d.id = l.deployment_id
                        WHERE d.organization_id = ? AND d.project_id = ? AND d.environment IS NOT DISTINCT FROM ?
                            AND lower(l.level) IN ('error', 'fatal') AND l.logged_at > ?""")
                        .params(deployment.organizationId(), deployment.projectId(), deployment.environment(),
                                Timestamp.from(now.minus(rule.window())))
                        .query(Long.class).single();
                if (errors >= rule.threshold()) {
                    lifecycle.open(rule, environment(deployment), deployment.id(), errors + " error lines in "
                            + environment(deployment) + " within " + rule.window().toString().substring(2).toLowerCase()
                            + " (threshold " + rule.threshold() + ")");
                }
            }
        });
    }

    /** Opens alerts of environments unhealthy long enough, resolves those no longer unhealthy. */
    @Scheduled(fixedDelayString = "${autodeploy.monitor.alerts.evaluation-interval}")
    void evaluateHealth() {
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                for (AlertRule rule : rules.enabled(AlertRuleType.HEALTH_CHECK_FAILING)) {
                    Instant since = now.minus(properties.healthFailingUnit().multipliedBy(rule.minutes()));
                    List<Map<String, Object>> failing = jdbc.sql("""
                            SELECT deployment_id, environment FROM health_checks
                            WHERE active AND state = 'unhealthy' AND organization_id = ? AND project_id = ?
                                AND (CAST(? AS VARCHAR) IS NULL OR environment = ?) AND unhealthy_since <= ?""")
                            .params(rule.organizationId(), rule.projectId(), rule.environment(), rule.environment(),
                                    Timestamp.from(since))
                            .query().listOfRows();
                    for (Map<String, Object> row : failing) {
                        String environment = (String) row.get("environment");
                        lifecycle.open(rule, environment, (UUID) row.get("deployment_id"), "The live deployment of "
                                + environment + " has been failing its health check for " + rule.minutes()
                                + " minute(s)");
                    }
                }
                for (Alert alert : alerts.unresolved(AlertRuleType.HEALTH_CHECK_FAILING.wire())) {
                    boolean stillUnhealthy = jdbc.sql("""
                            SELECT count(*) FROM health_checks WHERE active AND state = 'unhealthy'
                                AND organization_id = ? AND project_id = ? AND environment = ?""")
                            .params(alert.organizationId(), alert.projectId(), alert.environment())
                            .query(Long.class).single() > 0;
                    if (!stillUnhealthy) {
                        lifecycle.resolveAutomatically(alert);
                    }
                }
            });
        }
        catch (RuntimeException ex) {
            log.warn("Could not evaluate health-check-failing rules", ex);
        }
    }

    private static boolean isError(String level) {
        return level != null && (level.equalsIgnoreCase("error") || level.equalsIgnoreCase("fatal"));
    }

    private static String environment(DeploymentRecord deployment) {
        return deployment.environment() == null ? "" : deployment.environment();
    }

    private static String shortSha(String sha) {
        return sha == null ? "unknown commit" : sha.substring(0, Math.min(7, sha.length()));
    }
}
