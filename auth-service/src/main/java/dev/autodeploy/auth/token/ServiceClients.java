package dev.autodeploy.auth.token;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.autodeploy.auth.session.TokenHashes;

/**
 * Checks the credentials a service presents for a service token, in constant time: both secrets are
 * hashed to the same length first, and an unknown client is compared against a decoy, so neither
 * the secret's length nor its prefix leaks through timing.
 */
class ServiceClients {

    private static final int MIN_SECRET_LENGTH = 32;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private final Map<String, byte[]> secretDigests = new HashMap<>();
    private final byte[] decoy;

    ServiceClients(ServiceClientProperties properties) {
        properties.serviceClients().forEach((name, client) -> {
            if (client == null || client.secret() == null || client.secret().isBlank()) {
                return;
            }
            if (!NAME.matcher(name).matches()) {
                throw new IllegalStateException("autodeploy.auth.service-clients: '" + name
                        + "' is not a valid service name (lower-case letters, digits and dashes)");
            }
            if (client.secret().length() < MIN_SECRET_LENGTH) {
                throw new IllegalStateException("autodeploy.auth.service-clients." + name + ".secret must be at least "
                        + MIN_SECRET_LENGTH + " characters (openssl rand -base64 32)");
            }
            secretDigests.put(name, sha256(client.secret()));
        });
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        decoy = sha256(HexFormat.of().formatHex(random));
    }

    /** The client's name when {@code secret} is its secret; empty for an unknown client or a wrong secret. */
    Optional<String> authenticate(String clientId, String secret) {
        byte[] expected = secretDigests.getOrDefault(clientId, decoy);
        boolean matches = MessageDigest.isEqual(expected, sha256(secret));
        return matches && secretDigests.containsKey(clientId) ? Optional.of(clientId) : Optional.empty();
    }

    boolean knows(String clientId) {
        return secretDigests.containsKey(clientId);
    }

    private static byte[] sha256(String text) {
        return TokenHashes.sha256(text).getBytes(StandardCharsets.US_ASCII);
    }
}
