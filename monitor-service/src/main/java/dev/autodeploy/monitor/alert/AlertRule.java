package dev.autodeploy.monitor.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** A stored rule; {@code webhookSecret} is the TokenVault ciphertext (never leaves the service). */
record AlertRule(UUID id, UUID organizationId, UUID projectId, String environment, AlertRuleType type,
        Integer minutes, Integer threshold, Duration window, String webhookUrl, String webhookSecret,
        String webhookFormat, boolean enabled, UUID createdBy, Instant createdAt, Instant updatedAt) {

    /** The TokenVault context of the rule's secret: a ciphertext of one rule does not decrypt as another's. */
    static String secretContext(UUID ruleId) {
        return "alert-rule:" + ruleId;
    }

    boolean matches(UUID organizationId, UUID projectId, String environment) {
        return enabled && this.organizationId.equals(organizationId) && this.projectId.equals(projectId)
                && (this.environment == null || this.environment.equals(environment));
    }

    @Override
    public String toString() {
        return "AlertRule[" + id + ", " + type.wire() + "]";
    }
}
