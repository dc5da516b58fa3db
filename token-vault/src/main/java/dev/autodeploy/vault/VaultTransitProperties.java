package dev.autodeploy.vault;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the Vault token vault sends its transit requests ({@code autodeploy.token-vault.vault}).
 * {@code token} comes from the environment ({@code VAULT_TOKEN}), never from a file in the repository.
 */
@Validated
@ConfigurationProperties("autodeploy.token-vault.vault")
record VaultTransitProperties(
        @NotNull URI uri,
        @NotBlank String token,
        @DefaultValue("transit") @NotBlank String mountPath,
        @NotBlank String keyName,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("5s") @NotNull Duration readTimeout) {

    /** The token is a secret: a record's generated toString would print it into logs and failure reports. */
    @Override
    public String toString() {
        return "VaultTransitProperties[uri=" + uri + ", token=******, mountPath=" + mountPath + ", keyName=" + keyName
                + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
