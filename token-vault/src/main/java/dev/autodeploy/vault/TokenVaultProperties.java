package dev.autodeploy.vault;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which token vault backend runs ({@code autodeploy.token-vault.backend}). Bound even though the
 * conditions of {@link TokenVaultAutoConfiguration} read the raw property, so that a misspelt backend fails start-up instead of
 * leaving the service without a vault.
 */
@Validated
@ConfigurationProperties("autodeploy.token-vault")
record TokenVaultProperties(@DefaultValue("local") @NotNull Backend backend) {

    enum Backend { LOCAL, VAULT }
}
