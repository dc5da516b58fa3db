package dev.autodeploy.vault;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TokenVaultAutoConfigurationTests {

    // test-only master key: 32 bytes, base64
    private static final String KEY = "dGVzdC1vbmx5LWtleS1ub3QtYS1zZWNyZXQtMDAwMDA=";
    private static final String TOKEN = "hvs.test-only-token-3b9f";

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenVaultAutoConfiguration.class));

    @Test
    void isRegisteredAsAnAutoConfiguration() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(TokenVaultAutoConfiguration.class.getName());
    }

    @Test
    void localBackendIsTheDefault() {
        contexts.withPropertyValues("autodeploy.token-vault.local.keys.k1=" + KEY, "autodeploy.token-vault.local.active-key=k1")
                .run(context -> {
                    TokenVault vault = context.getBean(TokenVault.class);
                    assertThat(vault).isInstanceOf(LocalTokenVault.class);
                    assertThat(vault.decrypt(vault.encrypt("secret", "user-1"), "user-1")).isEqualTo("secret");
                });
    }

    @Test
    void vaultBackendIsSwitchedOnByConfiguration() {
        contexts.withPropertyValues("autodeploy.token-vault.backend=vault", "autodeploy.token-vault.vault.uri=http://127.0.0.1:8200",
                        "autodeploy.token-vault.vault.token=" + TOKEN, "autodeploy.token-vault.vault.key-name=autodeploy-tokens")
                .run(context -> assertThat(context.getBean(TokenVault.class)).isInstanceOf(VaultTransitTokenVault.class));
    }

    @Test
    void vaultBackendWithoutATokenFailsStartUp() {
        contexts.withPropertyValues("autodeploy.token-vault.backend=vault", "autodeploy.token-vault.vault.uri=http://127.0.0.1:8200",
                        "autodeploy.token-vault.vault.key-name=autodeploy-tokens")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("autodeploy.token-vault.vault.token"));
    }

    @Test
    void misspeltBackendFailsStartUp() {
        contexts.withPropertyValues("autodeploy.token-vault.backend=valut")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("autodeploy.token-vault.backend"));
    }

    @Test
    void shortMasterKeyFailsStartUpWithoutPrintingIt() {
        String shortKey = "c2hvcnQta2V5";
        contexts.withPropertyValues("autodeploy.token-vault.local.keys.k1=" + shortKey, "autodeploy.token-vault.local.active-key=k1")
                .run(context -> {
                    assertThat(context).hasFailed().getFailure()
                            .rootCause().hasMessageContaining("at least 32");
                    assertThat(LocalTokenVaultTests.report(context.getStartupFailure())).doesNotContain(shortKey);
                });
    }

    @Test
    void tokenVaultOfTheApplicationReplacesTheConfiguredBackendsAndNeedsNoneOfTheirSettings() {
        TokenVault own = new LocalTokenVault(new LocalTokenVaultProperties(Map.of("own", KEY), "own"));
        contexts.withBean(TokenVault.class, () -> own)
                .run(context -> assertThat(context).hasNotFailed().getBean(TokenVault.class).isSameAs(own));
    }
}
