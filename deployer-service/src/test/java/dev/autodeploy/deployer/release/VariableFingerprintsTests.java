package dev.autodeploy.deployer.release;

import java.time.Clock;

import dev.autodeploy.deployer.DeployerTest;
import dev.autodeploy.vault.TokenVault;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Fingerprint keys on the deployer's real database and token vault, with a second deployer whose vault has another
 * master key (the same vault under other contexts: it decrypts nothing the first one made) and one whose vault is
 * away.
 */
class VariableFingerprintsTests extends DeployerTest {

    @Autowired
    VariableFingerprints fingerprints;

    @Autowired
    TokenVault vault;

    @Test
    void aVaultWithAnotherMasterKeyMakesTheNextGenerationInsteadOfFailingAndTheFirstKeepsItsOwn() {
        String mine = fingerprints.of("API_KEY", "value-one");
        long keys = keys();

        TokenVault foreign = new OtherMasterKey(vault);
        String theirs = new VariableFingerprints(jdbc, foreign, Clock.systemUTC()).of("API_KEY", "value-one");
        assertThat(keys()).isEqualTo(keys + 1);
        assertThat(theirs).matches("hmac-sha256:" + (keys + 1) + ":[0-9a-f]{64}").isNotEqualTo(mine);
        assertThat(VariableFingerprints.comparable(mine, theirs)).isFalse();
        // another replica with that vault uses the generation made, and fingerprints alike
        assertThat(new VariableFingerprints(jdbc, foreign, Clock.systemUTC()).of("API_KEY", "value-one"))
                .isEqualTo(theirs);
        assertThat(keys()).isEqualTo(keys + 1);

        // a deployer with the first vault, started afresh, skips the generation it cannot decrypt
        VariableFingerprints restarted = new VariableFingerprints(jdbc, vault, Clock.systemUTC());
        assertThat(restarted.of("API_KEY", "value-one")).isEqualTo(mine);
        assertThat(restarted.of("API_KEY", "value-two")).isNotEqualTo(mine);
        assertThat(VariableFingerprints.comparable(mine, restarted.of("OTHER", "x"))).isTrue();
        assertThat(keys()).isEqualTo(keys + 1);
    }

    @Test
    void aVaultThatIsAwayMakesNoNewGeneration() {
        fingerprints.of("API_KEY", "value");
        long keys = keys();
        TokenVault away = new OtherMasterKey(vault) {
            @Override
            public String encrypt(String plaintext, String context) {
                throw new IllegalStateException("Vault is sealed");
            }

            @Override
            public String decrypt(String ciphertext, String context) {
                // what a sealed Vault answers to every ciphertext: a TokenVaultException, like a foreign key's
                return super.decrypt(ciphertext, "sealed:" + context);
            }
        };
        assertThatThrownBy(() -> new VariableFingerprints(jdbc, away, Clock.systemUTC()).of("API_KEY", "value"))
                .hasMessageContaining("sealed");
        assertThat(keys()).isEqualTo(keys);
    }

    private long keys() {
        return jdbc.sql("SELECT count(*) FROM release_fingerprint_key").query(Long.class).single();
    }

    /** The deployer's vault under other contexts: as good as another master key for what the first one made. */
    private static class OtherMasterKey implements TokenVault {

        private final TokenVault vault;

        OtherMasterKey(TokenVault vault) {
            this.vault = vault;
        }

        @Override
        public String encrypt(String plaintext, String context) {
            return vault.encrypt(plaintext, "other-master-key:" + context);
        }

        @Override
        public String decrypt(String ciphertext, String context) {
            return vault.decrypt(ciphertext, "other-master-key:" + context);
        }

        @Override
        public String rotate(String ciphertext, String context) {
            return vault.rotate(ciphertext, "other-master-key:" + context);
        }
    }
}
