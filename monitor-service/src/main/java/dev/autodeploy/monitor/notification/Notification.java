package dev.autodeploy.monitor.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * What a channel is told, as the generic webhook receives it (the JSON document, field for field): {@code event}
 * (a {@link NotificationEvent} wire name or {@value NotificationEvent#TEST}), when it happened, whose deployment,
 * its {@code status} ({@code unhealthy} for {@code health.degraded}), {@code url} (the deployment's, or the probed
 * one), {@code reason} in words, and {@code dashboardUrl} when the dashboard's address is configured. Slack, Discord
 * and email messages are made from it.
 */
record Notification(String event, Instant occurredAt, UUID organizationId, UUID projectId, UUID deploymentId,
        String environment, String status, String commitSha, String url, String reason, String dashboardUrl) {
}
