package dev.autodeploy.vault;

import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Master keys of the local token vault ({@code autodeploy.token-vault.local}): key id to a base64
 * secret of at least 32 bytes, taken from the environment, and the id new ciphertexts use.
 * Keep retired keys listed until {@link TokenVault#rotate} has moved every ciphertext off them.
 */
@Validated
@ConfigurationProperties("autodeploy.token-vault.local")
record LocalTokenVaultProperties(@NotEmpty Map<String, String> keys, @NotBlank String activeKey) {

    /** The keys are secrets: a record's generated toString would print them into logs and failure reports. */
    @Override
    public String toString() {
        return "LocalTokenVaultProperties[keys=" + (keys == null ? "[]" : keys.keySet()) + ", activeKey=" + activeKey + "]";
    }
}
