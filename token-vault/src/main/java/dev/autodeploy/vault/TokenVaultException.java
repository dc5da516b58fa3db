package dev.autodeploy.vault;

/**
 * A secret could not be encrypted, decrypted or re-encrypted, or the vault is misconfigured.
 * Its message never contains a plaintext, a ciphertext's input or key material.
 */
public class TokenVaultException extends RuntimeException {

    TokenVaultException(String message) {
        super(message);
    }

    TokenVaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
