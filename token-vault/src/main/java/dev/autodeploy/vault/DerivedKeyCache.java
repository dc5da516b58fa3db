package dev.autodeploy.vault;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.SecretKey;

/**
 * The AES keys {@link LocalTokenVault} derived lately, by master key id, salt and context, the least
 * recently used dropped beyond a fixed number. Safe for concurrent use.
 */
final class DerivedKeyCache {

    private final Map<Parts, SecretKey> keys;

    DerivedKeyCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.keys = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Parts, SecretKey> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The key kept for these parts, or {@code null}. */
    synchronized SecretKey get(String keyId, byte[] salt, String context) {
        return keys.get(new Parts(keyId, salt, context));
    }

    synchronized void put(String keyId, byte[] salt, String context, SecretKey key) {
        keys.put(new Parts(keyId, salt, context), key);
    }

    // The salt as text: a record compares arrays by identity, and each lookup parses a new one.
    private record Parts(String keyId, String salt, String context) {

        Parts(String keyId, byte[] salt, String context) {
            this(keyId, Base64.getEncoder().encodeToString(salt), context);
        }
    }
}
