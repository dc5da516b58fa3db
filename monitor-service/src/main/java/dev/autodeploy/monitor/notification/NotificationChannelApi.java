package dev.autodeploy.monitor.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Request and response bodies of {@code /api/v1/notification-channels}. A channel's URL is shown masked and its
 * signing secret only once (in the create or rotate response); neither is in a toString.
 */
final class NotificationChannelApi {

    static final String MASK = "********";
    static final String EVENT_MESSAGE = "must be deployment.started, deployment.ready, deployment.failed, "
            + "deployment.rolled-back, deployment.approval-requested or health.degraded";

    private NotificationChannelApi() {
    }

    /**
     * {@code POST /api/v1/notification-channels}: {@code url} for webhook, slack and discord channels, {@code
     * recipients} for email; {@code events} every event when absent; {@code environments} every environment when
     * absent or empty; enabled unless {@code enabled} is false.
     */
    record CreateChannel(@NotNull UUID organizationId, @NotNull UUID projectId, @NotBlank @Size(max = 100) String name,
            @NotNull @Pattern(regexp = ChannelType.WIRE_VALUES, message = "must be webhook, slack, discord or email")
            String type,
            @Size(max = 2048) String url,
            @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> recipients,
            @Size(max = 20) List<@NotNull @Pattern(regexp = NotificationEvent.WIRE_VALUES, message = EVENT_MESSAGE)
                    String> events,
            @Size(max = 50) List<@NotBlank @Size(max = 63) String> environments, Boolean enabled) {

        @Override
        public String toString() {
            return "CreateChannel[" + organizationId + ", " + projectId + ", " + type + "]";
        }
    }

    /** {@code PATCH /api/v1/notification-channels/{id}}: what is given changes (the type does not). */
    record UpdateChannel(@Size(min = 1, max = 100) String name, @Size(min = 1, max = 2048) String url,
            @Size(max = 50) List<@NotBlank @Email @Size(max = 254) String> recipients,
            @Size(max = 20) List<@NotNull @Pattern(regexp = NotificationEvent.WIRE_VALUES, message = EVENT_MESSAGE)
                    String> events,
            @Size(max = 50) List<@NotBlank @Size(max = 63) String> environments, Boolean enabled) {

        @Override
        public String toString() {
            return "UpdateChannel[" + (url == null ? "" : "url") + "]";
        }
    }

    /**
     * A channel. {@code url} shows scheme, host and first path segment only; {@code signingSecret} (webhook
     * channels) is the secret itself in the create response and {@value #MASK} after.
     */
    record ChannelView(UUID id, UUID organizationId, UUID projectId, String name, String type, String url,
            List<String> recipients, List<String> events, List<String> environments, boolean enabled,
            String signingSecret, UUID createdBy, Instant createdAt, Instant updatedAt) {

        static ChannelView of(NotificationChannel channel) {
            return of(channel, channel.signingSecret() == null ? null : MASK);
        }

        static ChannelView of(NotificationChannel channel, String signingSecret) {
            return new ChannelView(channel.id(), channel.organizationId(), channel.projectId(), channel.name(),
                    channel.type().wire(), channel.urlMasked(), channel.recipients(), channel.events(),
                    channel.environments(), channel.enabled(), signingSecret, channel.createdBy(), channel.createdAt(),
                    channel.updatedAt());
        }

        @Override
        public String toString() {
            return "ChannelView[" + id + ", " + type + "]";
        }
    }

    /** {@code POST /{id}/rotate-secret}: the new signing secret, shown this once. */
    record SigningSecret(String signingSecret) {

        @Override
        public String toString() {
            return "SigningSecret[" + MASK + "]";
        }
    }

    /** One attempt in a delivery's log; {@code statusCode} null when no answer came, {@code error} null on success. */
    record AttemptView(int attempt, Instant at, Integer statusCode, String error) {
    }

    /**
     * A delivery in the channel's log: {@code status} pending, delivered or failed (given up); {@code nextAttemptAt}
     * only while pending.
     */
    record DeliveryView(UUID id, String event, UUID deploymentId, String status, int attempts, Integer lastStatusCode,
            String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt,
            List<AttemptView> attemptLog) {

        static DeliveryView of(NotificationDeliveries.Delivery delivery,
                Map<UUID, List<NotificationDeliveries.Attempt>> attempts) {
            List<AttemptView> log = attempts.getOrDefault(delivery.id(), List.of()).stream()
                    .map(a -> new AttemptView(a.attempt(), a.at(), a.statusCode(), a.error())).toList();
            return new DeliveryView(delivery.id(), delivery.event(), delivery.deploymentId(), delivery.state(),
                    delivery.attempts(), delivery.lastStatusCode(), delivery.lastError(),
                    "pending".equals(delivery.state()) ? delivery.nextAttemptAt() : null, delivery.deliveredAt(),
                    delivery.createdAt(), log);
        }
    }
}
