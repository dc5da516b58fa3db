package dev.autodeploy.deployer.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.autodeploy.vault.TokenVault;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fingerprints of variable values: HMAC-SHA256 under one key the deployer makes on first use (stored as
 * TokenVault ciphertext), so that two variable sets are compared — "changed" or not — without decrypting either,
 * and a fingerprint says nothing about the value to whoever reads it.
 */
@Component
class VariableFingerprints {

    private static final String KEY_CONTEXT = "release-fingerprint-key";

    private final JdbcClient jdbc;
    private final TokenVault vault;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<byte[]> key = new AtomicReference<>();

    VariableFingerprints(JdbcClient jdbc, TokenVault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** The fingerprint of {@code value} as the value of variable {@code name}. */
    String of(String name, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    private byte[] key() {
        byte[] known = key.get();
        if (known != null) {
            return known;
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        // Several replicas may make one at once: the first stored wins, everyone reads that one.
        jdbc.sql("INSERT INTO release_fingerprint_key (id, key_encrypted, created_at) VALUES (1, ?, ?)"
                + " ON CONFLICT (id) DO NOTHING")
                .params(vault.encrypt(Base64.getEncoder().encodeToString(fresh), KEY_CONTEXT),
                        Timestamp.from(clock.instant()))
                .update();
        String stored = jdbc.sql("SELECT key_encrypted FROM release_fingerprint_key WHERE id = 1").query(String.class)
                .single();
        byte[] decoded = Base64.getDecoder().decode(vault.decrypt(stored, KEY_CONTEXT));
        key.compareAndSet(null, decoded);
        return key.get();
    }
}
