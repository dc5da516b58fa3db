package dev.autodeploy.monitor.alert;

import java.time.Instant;
import java.util.UUID;

import dev.autodeploy.monitor.webhook.WebhookUrls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request and response bodies of {@code /api/v1/alert-rules}. A webhook secret is never in a response or toString. */
final class AlertRuleApi {

    static final String FORMATS = "generic|slack";
    static final String MASK = "********";

    private AlertRuleApi() {
    }

    /** Where a rule's alerts are posted; {@code format} {@code generic} (default) or {@code slack}. */
    record Webhook(@NotBlank @Size(max = 2048) String url, @Size(max = 512) String secret,
            @Pattern(regexp = FORMATS, message = "must be generic or slack") String format) {

        @Override
        public String toString() {
            return "Webhook[" + (secret == null ? "" : "signed") + "]";
        }
    }

    /**
     * {@code POST /api/v1/alert-rules}. {@code minutes} for {@code health-check-failing}; {@code threshold} errors
     * per {@code window} (a duration such as {@code 5m} or {@code PT5M}) for {@code error-log-rate}.
     */
    record CreateRule(@NotNull UUID organizationId, @NotNull UUID projectId, @Size(min = 1, max = 63) String environment,
            @NotNull @Pattern(regexp = AlertRuleType.WIRE_VALUES,
                    message = "must be deployment-failed, health-check-failing or error-log-rate") String type,
            Integer minutes, Integer threshold, @Size(max = 20) String window, @NotNull @Valid Webhook webhook,
            Boolean enabled) {
    }

    /** {@code PATCH /api/v1/alert-rules/{id}}: what is given changes; a webhook {@code secret} of "" removes it. */
    record UpdateRule(@Size(min = 1, max = 63) String environment, Integer minutes, Integer threshold,
            @Size(max = 20) String window, @Valid WebhookPatch webhook, Boolean enabled) {
    }

    record WebhookPatch(@Size(min = 1, max = 2048) String url, @Size(max = 512) String secret,
            @Pattern(regexp = FORMATS, message = "must be generic or slack") String format) {

        @Override
        public String toString() {
            return "WebhookPatch[" + (secret == null ? "" : "secret") + "]";
        }
    }

    /**
     * {@code secret} is {@value #MASK} when the rule signs its webhooks, null otherwise. {@code url} shows where the
     * webhook goes — scheme, host and first path segment — but not the rest: the path or query of an incoming-webhook
     * URL (Slack's {@code /services/T…/B…/…}) is itself a credential, and viewers read rules too.
     */
    record WebhookView(String url, String format, String secret) {

        static String masked(String url) {
            return WebhookUrls.masked(url);
        }
    }

    record RuleView(UUID id, UUID organizationId, UUID projectId, String environment, String type, Integer minutes,
            Integer threshold, String window, WebhookView webhook, boolean enabled, UUID createdBy, Instant createdAt,
            Instant updatedAt) {

        static RuleView of(AlertRule rule) {
            return new RuleView(rule.id(), rule.organizationId(), rule.projectId(), rule.environment(),
                    rule.type().wire(), rule.minutes(), rule.threshold(),
                    rule.window() == null ? null : rule.window().toString(),
                    new WebhookView(WebhookView.masked(rule.webhookUrl()), rule.webhookFormat(), rule.webhookSecret() == null ? null : MASK),
                    rule.enabled(), rule.createdBy(), rule.createdAt(), rule.updatedAt());
        }
    }
}
