package dev.autodeploy.deployer.release;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.autodeploy.vault.TokenVault;
import dev.autodeploy.vault.TokenVaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fingerprints of variable values: HMAC-SHA256 under a key the deployer makes on first use (stored as TokenVault
 * ciphertext), so that two variable sets are compared — "changed" or not — without decrypting either, and a
 * fingerprint says nothing about the value to whoever reads it.
 *
 * <p>Keys have generations. The newest one the token vault decrypts is used; when it decrypts none while it does
 * work (its master key was replaced, or the database outlived the suite that made the key), a new generation is
 * made rather than every deployment failing. Generation 1's fingerprints read {@code hmac-sha256:<hex>}, later
 * ones {@code hmac-sha256:<generation>:<hex>}; fingerprints of different generations cannot be compared.
 */
@Component
class VariableFingerprints {

    private static final Logger log = LoggerFactory.getLogger(VariableFingerprints.class);
    private static final String KEY_CONTEXT = "release-fingerprint-key";
    private static final String PREFIX = "hmac-sha256:";

    /** A key and its generation. */
    private record Key(int generation, byte[] bytes) {
    }

    /** A stored key as read. */
    private record Stored(int generation, String ciphertext) {
    }

    private final JdbcClient jdbc;
    private final TokenVault vault;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicReference<Key> key = new AtomicReference<>();

    VariableFingerprints(JdbcClient jdbc, TokenVault vault, Clock clock) {
        this.jdbc = jdbc;
        this.vault = vault;
        this.clock = clock;
    }

    /** The fingerprint of {@code value} as the value of variable {@code name}. */
    String of(String name, String value) {
        Key current = key();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(current.bytes(), "HmacSHA256"));
            mac.update(name.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            String hex = HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
            return current.generation() == 1 ? PREFIX + hex : PREFIX + current.generation() + ":" + hex;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is not available", ex);
        }
    }

    /** Whether two fingerprints were made under the same key, so that comparing them says something. */
    static boolean comparable(String one, String other) {
        return generation(one) == generation(other);
    }

    private static int generation(String fingerprint) {
        String rest = fingerprint.startsWith(PREFIX) ? fingerprint.substring(PREFIX.length()) : fingerprint;
        int colon = rest.indexOf(':');
        return colon < 0 ? 1 : Integer.parseInt(rest.substring(0, colon));
    }

    private Key key() {
        Key known = key.get();
        if (known != null) {
            return known;
        }
        List<Stored> stored = stored();
        Optional<Key> usable = newestDecryptable(stored);
        if (usable.isEmpty()) {
            int next = stored.isEmpty() ? 1 : stored.getFirst().generation() + 1;
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            // Several replicas may make one at once: the first stored wins, everyone reads that one.
            jdbc.sql("INSERT INTO release_fingerprint_key (id, key_encrypted, created_at) VALUES (?, ?, ?)"
                    + " ON CONFLICT (id) DO NOTHING")
                    .params(next, vault.encrypt(Base64.getEncoder().encodeToString(fresh), KEY_CONTEXT),
                            Timestamp.from(clock.instant()))
                    .update();
            if (next > 1) {
                log.warn("The token vault decrypts none of the {} stored release fingerprint key(s) (its master key"
                        + " changed?): made generation {}; earlier releases' fingerprints compare as unknown",
                        stored.size(), next);
            }
            usable = newestDecryptable(stored());
        }
        key.compareAndSet(null, usable.orElseThrow(() -> new IllegalStateException(
                "No release fingerprint key this deployer's token vault can decrypt")));
        return key.get();
    }

    private List<Stored> stored() {
        return jdbc.sql("SELECT id, key_encrypted FROM release_fingerprint_key ORDER BY id DESC")
                .query((rows, n) -> new Stored(rows.getInt(1), rows.getString(2))).list();
    }

    /**
     * The newest stored key the vault decrypts. A vault that cannot decrypt what it has just encrypted is away, not
     * keyed differently: that fails here (the deployment is retried) rather than making a new generation.
     */
    private Optional<Key> newestDecryptable(List<Stored> stored) {
        for (Stored candidate : stored) {
            try {
                return Optional.of(new Key(candidate.generation(),
                        Base64.getDecoder().decode(vault.decrypt(candidate.ciphertext(), KEY_CONTEXT))));
            }
            catch (TokenVaultException ex) {
                vault.decrypt(vault.encrypt("probe", KEY_CONTEXT), KEY_CONTEXT);
                log.info("Release fingerprint key generation {} does not decrypt here: {}", candidate.generation(),
                        ex.getMessage());
            }
        }
        return Optional.empty();
    }
}
