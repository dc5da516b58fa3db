package dev.autodeploy.monitor.alert;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The body a webhook receives about an alert: {@code generic} is {@code {event, alert}}; {@code slack} is what a
 * Slack incoming webhook takes ({@code text} as the fallback, and {@code blocks}).
 */
final class WebhookPayloads {

    static final String OPENED = "alert.opened";
    static final String RESOLVED = "alert.resolved";

    private final JsonMapper json;

    WebhookPayloads(JsonMapper json) {
        this.json = json;
    }

    String body(String event, Alert alert, String format) {
        return json.writeValueAsString("slack".equals(format) ? slack(event, alert) : generic(event, alert));
    }

    private static Map<String, Object> generic(String event, Alert alert) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", alert.id());
        fields.put("ruleId", alert.ruleId());
        fields.put("type", alert.type());
        fields.put("status", alert.status());
        fields.put("organizationId", alert.organizationId());
        fields.put("projectId", alert.projectId());
        fields.put("environment", alert.environment());
        fields.put("deploymentId", alert.deploymentId());
        fields.put("summary", alert.summary());
        fields.put("openedAt", alert.openedAt() == null ? null : alert.openedAt().toString());
        fields.put("resolvedAt", alert.resolvedAt() == null ? null : alert.resolvedAt().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", event);
        body.put("alert", fields);
        return body;
    }

    private static Map<String, Object> slack(String event, Alert alert) {
        String headline = (RESOLVED.equals(event) ? ":white_check_mark: Resolved: " : ":rotating_light: Alert: ")
                + alert.summary();
        String details = "*" + alert.type() + "* in *" + alert.environment() + "*"
                + (alert.deploymentId() == null ? "" : " · deployment `" + alert.deploymentId() + "`");
        return Map.of("text", headline, "blocks", List.of(
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", headline)),
                Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", details + " · alert `"
                        + alert.id() + "`")))));
    }
}
