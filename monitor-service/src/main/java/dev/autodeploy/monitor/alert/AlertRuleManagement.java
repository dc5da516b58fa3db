package dev.autodeploy.monitor.alert;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.monitor.health.TargetAddressPolicy;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.membership.OrganizationAccess;
import dev.autodeploy.support.membership.Role;
import dev.autodeploy.vault.TokenVault;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates, changes, lists and deletes alert rules: viewers of the organization read, developers and above manage,
 * non-members are told the rule (or organization) does not exist. A rule is checked as a whole — its type's
 * settings, the webhook URL against the SSRF guard — before anything is stored; the secret is stored encrypted.
 */
@Component
class AlertRuleManagement {

    static final int MAX_MINUTES = 7 * 24 * 60;
    static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    static final Duration MAX_WINDOW = Duration.ofDays(1);

    private final AlertRules rules;
    private final OrganizationAccess access;
    private final TargetAddressPolicy addresses;
    private final TokenVault vault;
    private final AuditTrail audit;
    private final Clock clock;

    AlertRuleManagement(AlertRules rules, OrganizationAccess access, TargetAddressPolicy addresses, TokenVault vault,
            AuditTrail audit, Clock clock) {
        this.audit = audit;
        this.rules = rules;
        this.access = access;
        this.addresses = addresses;
        this.vault = vault;
        this.clock = clock;
    }

    @Transactional
    AlertRuleApi.RuleView create(AlertRuleApi.CreateRule request, UUID userId) {
        access.require(request.organizationId(), userId, Role.DEVELOPER);
        requireProjectOf(request.organizationId(), request.projectId());
        AlertRuleType type = AlertRuleType.fromWire(request.type()).orElseThrow();
        Duration window = validate(type, request.minutes(), request.threshold(), request.window());
        requireAllowed(request.webhook().url());
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        String secret = blank(request.webhook().secret()) ? null
                : vault.encrypt(request.webhook().secret(), AlertRule.secretContext(id));
        AlertRule rule = new AlertRule(id, request.organizationId(), request.projectId(), request.environment(), type,
                type == AlertRuleType.HEALTH_CHECK_FAILING ? request.minutes() : null,
                type == AlertRuleType.ERROR_LOG_RATE ? request.threshold() : null, window, request.webhook().url(),
                secret, request.webhook().format() == null ? "generic" : request.webhook().format(),
                request.enabled() == null || request.enabled(), userId, now, now);
        rules.insert(rule);
        // The view masks the webhook secret and URL credentials: that is what the log keeps.
        AlertRuleApi.RuleView created = AlertRuleApi.RuleView.of(rule);
        audit.record(rule.organizationId(), "alert_rule.created", AuditTarget.of("alert_rule", id), null, created);
        return created;
    }

    @Transactional(readOnly = true)
    List<AlertRuleApi.RuleView> list(UUID organizationId, UUID projectId, UUID userId) {
        access.require(organizationId, userId, Role.VIEWER);
        return rules.of(organizationId, projectId).stream().map(AlertRuleApi.RuleView::of).toList();
    }

    @Transactional(readOnly = true)
    AlertRuleApi.RuleView view(UUID id, UUID userId) {
        return AlertRuleApi.RuleView.of(require(id, userId, Role.VIEWER));
    }

    @Transactional
    AlertRuleApi.RuleView update(UUID id, AlertRuleApi.UpdateRule request, UUID userId) {
        AlertRule rule = require(id, userId, Role.DEVELOPER);
        Integer minutes = request.minutes() != null ? request.minutes() : rule.minutes();
        Integer threshold = request.threshold() != null ? request.threshold() : rule.threshold();
        String windowText = request.window() != null ? request.window()
                : rule.window() == null ? null : rule.window().toString();
        Duration window = validate(rule.type(), minutes, threshold, windowText);
        AlertRuleApi.WebhookPatch webhook = request.webhook();
        String url = webhook != null && webhook.url() != null ? webhook.url() : rule.webhookUrl();
        if (!url.equals(rule.webhookUrl())) {
            requireAllowed(url);
        }
        String secret = rule.webhookSecret();
        if (webhook != null && webhook.secret() != null) {
            secret = webhook.secret().isEmpty() ? null : vault.encrypt(webhook.secret(), AlertRule.secretContext(id));
        }
        String format = webhook != null && webhook.format() != null ? webhook.format() : rule.webhookFormat();
        AlertRule changed = new AlertRule(id, rule.organizationId(), rule.projectId(),
                request.environment() != null ? request.environment() : rule.environment(), rule.type(),
                rule.type() == AlertRuleType.HEALTH_CHECK_FAILING ? minutes : null,
                rule.type() == AlertRuleType.ERROR_LOG_RATE ? threshold : null, window, url, secret, format,
                request.enabled() != null ? request.enabled() : rule.enabled(), rule.createdBy(), rule.createdAt(),
                clock.instant());
        rules.update(changed);
        AlertRuleApi.RuleView after = AlertRuleApi.RuleView.of(changed);
        audit.record(rule.organizationId(), "alert_rule.updated", AuditTarget.of("alert_rule", id),
                AlertRuleApi.RuleView.of(rule), after);
        return after;
    }

    @Transactional
    void delete(UUID id, UUID userId) {
        AlertRule rule = require(id, userId, Role.DEVELOPER);
        rules.delete(id);
        audit.record(rule.organizationId(), "alert_rule.deleted", AuditTarget.of("alert_rule", id),
                AlertRuleApi.RuleView.of(rule), null);
    }

    private AlertRule require(UUID id, UUID userId, Role minimum) {
        AlertRule rule = rules.find(id).orElseThrow(AlertProblems.AlertRuleNotFound::new);
        access.require(rule.organizationId(), userId, minimum, AlertProblems.AlertRuleNotFound::new);
        return rule;
    }

    private void requireProjectOf(UUID organizationId, UUID projectId) {
        List<UUID> seenUnder = rules.organizationsOfProject(projectId);
        if (!seenUnder.isEmpty() && !seenUnder.contains(organizationId)) {
            throw new AlertProblems.ProjectNotFound();
        }
    }

    private void requireAllowed(String url) {
        Optional<String> refusal = addresses.refusal(url);
        if (refusal.isPresent()) {
            throw new AlertProblems.WebhookUrlRefused(refusal.get());
        }
    }

    /** The window, once the type's settings are all there and in range; 422 with every problem otherwise. */
    private static Duration validate(AlertRuleType type, Integer minutes, Integer threshold, String windowText) {
        List<Map<String, Object>> problems = new ArrayList<>();
        Duration window = null;
        switch (type) {
            case HEALTH_CHECK_FAILING -> {
                if (minutes == null || minutes < 1 || minutes > MAX_MINUTES) {
                    problems.add(problem("minutes", "a health-check-failing rule needs minutes from 1 to " + MAX_MINUTES));
                }
            }
            case ERROR_LOG_RATE -> {
                if (threshold == null || threshold < 1) {
                    problems.add(problem("threshold", "an error-log-rate rule needs a threshold of at least 1"));
                }
                window = parse(windowText);
                if (window == null || window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
                    problems.add(problem("window", "an error-log-rate rule needs a window from 1s to 24h (e.g. 5m)"));
                }
            }
            case DEPLOYMENT_FAILED -> {
            }
        }
        if (!problems.isEmpty()) {
            throw new AlertProblems.InvalidAlertRule(problems);
        }
        return window;
    }

    private static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DurationStyle.detectAndParse(text);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static Map<String, Object> problem(String field, String message) {
        return Map.of("field", field, "message", message);
    }

    private static boolean blank(String value) {
        return value == null || value.isEmpty();
    }
}
