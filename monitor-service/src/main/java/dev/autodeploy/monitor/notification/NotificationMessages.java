package dev.autodeploy.monitor.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * How a {@link Notification} is worded for each channel type: the generic webhook gets the document itself; Slack
 * an incoming-webhook message ({@code text} as the fallback, and {@code blocks}); Discord a webhook message
 * ({@code content} and one embed); email a subject and a plain-text body.
 */
final class NotificationMessages {

    /** An email: its subject and plain-text body. */
    record Email(String subject, String body) {
    }

    private static final int MAX_VALUE = 1000;
    private static final int DISCORD_RED = 0xE5484D;
    private static final int DISCORD_GREEN = 0x30A46C;
    private static final int DISCORD_AMBER = 0xF5A524;
    private static final int DISCORD_BLUE = 0x3E63DD;

    private final JsonMapper json;

    NotificationMessages(JsonMapper json) {
        this.json = json;
    }

    String generic(Notification notification) {
        return json.writeValueAsString(notification);
    }

    String slack(Notification notification) {
        String headline = emoji(notification.event()) + " " + slackEscaped(headline(notification));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Map.Entry<String, String> detail : details(notification).entrySet()) {
            fields.add(Map.of("type", "mrkdwn", "text", "*" + detail.getKey() + "*\n"
                    + slackEscaped(detail.getValue())));
        }
        List<Map<String, Object>> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*" + headline + "*")));
        if (!fields.isEmpty()) {
            blocks.add(Map.of("type", "section", "fields", fields.subList(0, Math.min(10, fields.size()))));
        }
        if (notification.dashboardUrl() != null) {
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text",
                    "<" + notification.dashboardUrl() + "|Open in AutoDeploy>"))));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", headline);
        body.put("blocks", blocks);
        return json.writeValueAsString(body);
    }

    String discord(Notification notification) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", NotificationEvent.titleOf(notification.event()));
        embed.put("description", description(notification));
        embed.put("color", color(notification.event()));
        List<Map<String, Object>> fields = new ArrayList<>();
        for (Map.Entry<String, String> detail : details(notification).entrySet()) {
            fields.add(Map.of("name", detail.getKey(), "value", detail.getValue(), "inline",
                    !"Reason".equals(detail.getKey())));
        }
        embed.put("fields", fields);
        if (notification.occurredAt() != null) {
            embed.put("timestamp", notification.occurredAt().toString());
        }
        if (notification.dashboardUrl() != null) {
            embed.put("url", notification.dashboardUrl());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", headline(notification));
        body.put("embeds", List.of(embed));
        // text from deployments (a reason, an environment) must not ping anyone (@everyone, <@id>)
        body.put("allowed_mentions", Map.of("parse", List.of()));
        return json.writeValueAsString(body);
    }

    Email email(Notification notification) {
        StringBuilder text = new StringBuilder(headline(notification)).append("\n\n");
        details(notification).forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        if (notification.dashboardUrl() != null) {
            text.append("\nOpen in AutoDeploy: ").append(notification.dashboardUrl()).append('\n');
        }
        text.append("\nEvent: ").append(notification.event()).append('\n');
        return new Email("[AutoDeploy] " + headline(notification), text.toString());
    }

    static String headline(Notification notification) {
        String title = NotificationEvent.titleOf(notification.event());
        StringBuilder headline = new StringBuilder(title);
        if (notification.environment() != null) {
            headline.append(" in ").append(notification.environment());
        }
        if (notification.commitSha() != null) {
            headline.append(" (").append(shortSha(notification.commitSha())).append(')');
        }
        return headline.toString();
    }

    /** Slack reads {@code <…>} as links and mentions ({@code <!channel>}): escaped as its docs say. */
    private static String slackEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String description(Notification notification) {
        return notification.reason() != null ? notification.reason() : headline(notification);
    }

    /** The facts worth a line each, in order; absent ones left out. */
    private static Map<String, String> details(Notification notification) {
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "Project", notification.projectId());
        put(details, "Environment", notification.environment());
        put(details, "Deployment", notification.deploymentId());
        put(details, "Status", notification.status());
        put(details, "Commit", notification.commitSha() == null ? null : shortSha(notification.commitSha()));
        put(details, "URL", notification.url());
        put(details, "Reason", notification.reason());
        return details;
    }

    private static void put(Map<String, String> details, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            String text = value.toString();
            // Discord refuses field values over 1024 characters, Slack section fields over 2000
            details.put(name, text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text);
        }
    }

    private static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    private static String emoji(String event) {
        return switch (event) {
            case "deployment.ready" -> ":white_check_mark:";
            case "deployment.failed" -> ":x:";
            case "deployment.rolled-back" -> ":leftwards_arrow_with_hook:";
            case "deployment.approval-requested" -> ":hourglass:";
            case "health.degraded" -> ":warning:";
            case "deployment.started" -> ":rocket:";
            default -> ":bell:";
        };
    }

    private static int color(String event) {
        return switch (event) {
            case "deployment.ready" -> DISCORD_GREEN;
            case "deployment.failed" -> DISCORD_RED;
            case "deployment.rolled-back", "deployment.approval-requested", "health.degraded" -> DISCORD_AMBER;
            default -> DISCORD_BLUE;
        };
    }
}
