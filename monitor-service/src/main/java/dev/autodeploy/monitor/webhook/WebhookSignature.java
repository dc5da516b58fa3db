package dev.autodeploy.monitor.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook receiver knows a notification is ours and fresh (alert webhooks and generic notification
 * channels): {@code X-AutoDeploy-Signature: sha256=<hex>} is the HMAC-SHA256, keyed with the rule's or channel's
 * secret, of {@code <X-AutoDeploy-Timestamp>.<body>} — the timestamp (Unix
 * seconds of the attempt) is signed with the exact body, so a receiver that refuses old timestamps refuses replays.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-AutoDeploy-Signature";
    public static final String TIMESTAMP_HEADER = "X-AutoDeploy-Timestamp";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }
}
