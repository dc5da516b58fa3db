package dev.autodeploy.monitor.alert;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a webhook receiver knows a notification is ours and fresh: {@code X-AutoDeploy-Signature: sha256=<hex>} is
 * the HMAC-SHA256, keyed with the rule's secret, of {@code <X-AutoDeploy-Timestamp>.<body>} — the timestamp (Unix
 * seconds of the attempt) is signed with the exact body, so a receiver that refuses old timestamps refuses replays.
 */
final class WebhookSignature {

    static final String SIGNATURE_HEADER = "X-AutoDeploy-Signature";
    static final String TIMESTAMP_HEADER = "X-AutoDeploy-Timestamp";

    private WebhookSignature() {
    }

    static String sign(String secret, long timestamp, String body) {
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
