package dev.autodeploy.vault;

/**
 * Encrypts provider tokens and other secrets for storage, so that none is ever kept in plain text.
 *
 * <p>A ciphertext is an opaque, self-describing string safe for a {@code TEXT} column: it names the
 * key it was made with, so it still decrypts after the current key changes. {@code context} (for
 * example the owning user's id) is bound to the ciphertext: one made for a context does not decrypt
 * under another. Every failure is a {@link TokenVaultException}.
 */
public interface TokenVault {

    /** Encrypts {@code plaintext} under the current key, bound to {@code context}. */
    String encrypt(String plaintext, String context);

    /** Decrypts a ciphertext made by {@link #encrypt} (or {@link #rotate}) for the same {@code context}. */
    String decrypt(String ciphertext, String context);

    /**
     * Re-encrypts the secret under the current key, for key rotation; returns {@code ciphertext}
     * itself when it is already under the current key (so callers write back only what changed).
     */
    String rotate(String ciphertext, String context);
}
