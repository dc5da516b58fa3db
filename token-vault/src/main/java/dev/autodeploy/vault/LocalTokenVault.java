package dev.autodeploy.vault;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The default token vault, needing no server: AES-256-GCM under a key derived by PBKDF2 from a
 * configured master key and a random salt per ciphertext, with the context as additional
 * authenticated data. A ciphertext reads {@code v1:local:<keyId>:<salt>:<iv>:<ciphertext+tag>}
 * (base64 parts), so it names the master key it needs. The keys of the last few thousand ciphertexts
 * made or read are kept, so that reading a secret again does not run PBKDF2 again.
 */
final class LocalTokenVault implements TokenVault {

    // Seed 001 "Token Management": AES-256-GCM, PBKDF2 with 100000 iterations, 32-byte salt, 16-byte IV.
    private static final String KEY_DERIVATION = "PBKDF2WithHmacSHA256";
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int ITERATIONS = 100_000;
    private static final int KEY_BITS = 256;
    private static final int SALT_BYTES = 32;
    private static final int IV_BYTES = 16;
    private static final int TAG_BITS = 128;
    private static final int MIN_MASTER_KEY_BYTES = 32;

    private static final String FORMAT = "v1";
    private static final String BACKEND = "local";
    // Key ids are written between ':' separators and come from property names (no dots there).
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final String PROPERTIES = "autodeploy.token-vault.local";

    // A fresh salt per ciphertext means one PBKDF2 derivation (about 30 ms) per ciphertext, and without a
    // cache per decrypt: a deployment reading 30 secret variables would wait a second or more, every
    // time. Keys are kept once derived so that a ciphertext read again costs only AES-GCM. That is no
    // weaker than what this object already holds (the master keys, which open every ciphertext); each
    // kept key opens one ciphertext. About 300 bytes an entry.
    private static final int DERIVED_KEYS_KEPT = 4096;

    private final Map<String, char[]> passwords;
    private final String activeKeyId;
    private final KeyDerivation derivation;
    private final DerivedKeyCache derivedKeys;
    private final SecureRandom random = new SecureRandom();

    LocalTokenVault(LocalTokenVaultProperties properties) {
        this(properties, LocalTokenVault::pbkdf2, DERIVED_KEYS_KEPT);
    }

    LocalTokenVault(LocalTokenVaultProperties properties, KeyDerivation derivation, int derivedKeysKept) {
        Map<String, char[]> byId = new HashMap<>();
        properties.keys().forEach((id, secret) -> byId.put(checkedKeyId(id), password(id, secret)));
        if (!byId.containsKey(properties.activeKey())) {
            throw new TokenVaultException(PROPERTIES + ".active-key '" + properties.activeKey()
                    + "' is not one of the configured key ids " + byId.keySet());
        }
        this.passwords = Map.copyOf(byId);
        this.activeKeyId = properties.activeKey();
        this.derivation = derivation;
        this.derivedKeys = new DerivedKeyCache(derivedKeysKept);
    }

    @Override
    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            throw new TokenVaultException("plaintext must not be null");
        }
        String checkedContext = checkedContext(context);
        byte[] salt = randomBytes(SALT_BYTES);
        byte[] iv = randomBytes(IV_BYTES);
        try {
            SecretKey key = derive(activeKeyId, salt);
            byte[] ciphertext = cipher(Cipher.ENCRYPT_MODE, key, iv, checkedContext).doFinal(plaintext.getBytes(UTF_8));
            // What was just stored is likely read soon (a signing key, a secret about to be deployed).
            derivedKeys.put(activeKeyId, salt, checkedContext, key);
            return new Sealed(activeKeyId, salt, iv, ciphertext).format();
        }
        catch (GeneralSecurityException e) {
            throw new TokenVaultException("local token vault could not encrypt", e);
        }
    }

    @Override
    public String decrypt(String ciphertext, String context) {
        Sealed sealed = Sealed.parse(ciphertext);
        String checkedContext = checkedContext(context);
        try {
            SecretKey cached = derivedKeys.get(sealed.keyId(), sealed.salt(), checkedContext);
            SecretKey key = cached != null ? cached : derive(sealed.keyId(), sealed.salt());
            byte[] plaintext = cipher(Cipher.DECRYPT_MODE, key, sealed.iv(), checkedContext).doFinal(sealed.ciphertext());
            if (cached == null) {
                // Kept only once the tag verified, so that altered or forged ciphertexts (any salt an
                // attacker likes) cannot push out the keys of real ones.
                derivedKeys.put(sealed.keyId(), sealed.salt(), checkedContext, key);
            }
            return new String(plaintext, UTF_8);
        }
        catch (AEADBadTagException e) {
            throw new TokenVaultException("ciphertext does not authenticate: it was made for another context"
                    + " or master key, or it was altered");
        }
        catch (GeneralSecurityException e) {
            throw new TokenVaultException("local token vault could not decrypt", e);
        }
    }

    /** Re-encrypts only what another key sealed; one already under the active key is returned unchecked. */
    @Override
    public String rotate(String ciphertext, String context) {
        if (Sealed.parse(ciphertext).keyId().equals(activeKeyId)) {
            return ciphertext;
        }
        return encrypt(decrypt(ciphertext, context), context);
    }

    private SecretKey derive(String keyId, byte[] salt) throws GeneralSecurityException {
        char[] password = passwords.get(keyId);
        if (password == null) {
            throw new TokenVaultException("ciphertext was made with master key '" + keyId
                    + "', which is not configured (" + PROPERTIES + ".keys)");
        }
        return derivation.derive(password, salt);
    }

    /** The seed's derivation: PBKDF2-HMAC-SHA256, 100 000 iterations, a 256-bit AES key. */
    static SecretKey pbkdf2(char[] password, byte[] salt) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password, salt, ITERATIONS, KEY_BITS);
        try {
            return new SecretKeySpec(SecretKeyFactory.getInstance(KEY_DERIVATION).generateSecret(spec).getEncoded(), "AES");
        }
        finally {
            spec.clearPassword();
        }
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String context) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance(CIPHER);
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(context.getBytes(UTF_8));
        return cipher;
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String checkedContext(String context) {
        if (context == null || context.isBlank()) {
            throw new TokenVaultException("context must not be blank: it binds a ciphertext to its owner");
        }
        return context;
    }

    private static String checkedKeyId(String id) {
        if (!KEY_ID.matcher(id).matches()) {
            throw new TokenVaultException(PROPERTIES + ".keys: key id '" + id + "' must be 1-64 letters, digits, '_' or '-'");
        }
        return id;
    }

    private static char[] password(String id, String secret) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(secret == null ? "" : secret.strip());
        }
        catch (IllegalArgumentException notBase64) {
            // not chained: the decoder's message quotes a character of the secret
            throw new TokenVaultException(PROPERTIES + ".keys." + id + " is not base64");
        }
        if (key.length < MIN_MASTER_KEY_BYTES) {
            throw new TokenVaultException(PROPERTIES + ".keys." + id + " is " + key.length + " bytes long; a master key"
                    + " needs at least " + MIN_MASTER_KEY_BYTES + " random bytes (for example: openssl rand -base64 32)");
        }
        // PBEKeySpec takes characters. The canonical base64 text keeps every bit of the key and is
        // ASCII, so PBKDF2 receives it unchanged whatever spacing or padding the configuration used.
        return Base64.getEncoder().encodeToString(key).toCharArray();
    }

    /** Turns a master key's text and a salt into the AES key of one ciphertext. */
    @FunctionalInterface
    interface KeyDerivation {

        SecretKey derive(char[] password, byte[] salt) throws GeneralSecurityException;
    }

    /** The parts of a local ciphertext; {@code ciphertext} includes the GCM tag. */
    private record Sealed(String keyId, byte[] salt, byte[] iv, byte[] ciphertext) {

        private static final String SEPARATOR = ":";

        String format() {
            Base64.Encoder base64 = Base64.getEncoder();
            return String.join(SEPARATOR, FORMAT, BACKEND, keyId,
                    base64.encodeToString(salt), base64.encodeToString(iv), base64.encodeToString(ciphertext));
        }

        static Sealed parse(String text) {
            if (text == null) {
                throw malformed();
            }
            String[] parts = text.split(SEPARATOR, -1);
            if (parts.length != 6 || !FORMAT.equals(parts[0]) || !BACKEND.equals(parts[1])
                    || !KEY_ID.matcher(parts[2]).matches()) {
                throw malformed();
            }
            Sealed sealed;
            try {
                Base64.Decoder base64 = Base64.getDecoder();
                sealed = new Sealed(parts[2], base64.decode(parts[3]), base64.decode(parts[4]), base64.decode(parts[5]));
            }
            catch (IllegalArgumentException notBase64) {
                throw malformed();
            }
            if (sealed.salt().length != SALT_BYTES || sealed.iv().length != IV_BYTES
                    || sealed.ciphertext().length < TAG_BITS / Byte.SIZE) {
                throw malformed();
            }
            return sealed;
        }

        // Nothing of the input goes into the message: a caller may have passed a plaintext by mistake.
        private static TokenVaultException malformed() {
            return new TokenVaultException(
                    "not a local token vault ciphertext (expected " + FORMAT + SEPARATOR + BACKEND + SEPARATOR + "...)");
        }
    }
}
