package dev.autodeploy.monitor.notification;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A stored channel. {@code urlCiphertext} and {@code signingSecret} are TokenVault ciphertexts (never leave the
 * service); {@code urlMasked} is what is shown of the URL.
 */
record NotificationChannel(UUID id, UUID organizationId, UUID projectId, String name, ChannelType type,
        String urlCiphertext, String urlMasked, String signingSecret, List<String> recipients, List<String> events,
        List<String> environments, boolean enabled, UUID createdBy, Instant createdAt, Instant updatedAt) {

    /** TokenVault context of the channel's URL: a ciphertext of one channel does not decrypt as another's. */
    static String urlContext(UUID channelId) {
        return "notification-channel-url:" + channelId;
    }

    /** TokenVault context of the channel's signing secret. */
    static String secretContext(UUID channelId) {
        return "notification-channel-secret:" + channelId;
    }

    @Override
    public String toString() {
        return "NotificationChannel[" + id + ", " + type.wire() + "]";
    }
}
