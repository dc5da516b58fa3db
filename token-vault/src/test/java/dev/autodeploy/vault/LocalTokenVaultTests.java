package dev.autodeploy.vault;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class LocalTokenVaultTests {

    private static final String PLAINTEXT = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
    private static final String USER = "user-3f1c";

    private final String oldKey = randomKey(32);
    private final String newKey = randomKey(32);
    private final LocalTokenVault vault = vault(Map.of("k1", oldKey), "k1");

    @Test
    void decryptRestoresWhatWasEncrypted() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);

        assertThat(vault.decrypt(ciphertext, USER)).isEqualTo(PLAINTEXT);
        assertThat(vault.decrypt(vault.encrypt("påsswörd ✓", USER), USER)).isEqualTo("påsswörd ✓");
    }

    @Test
    void ciphertextNamesFormatBackendAndKeyAndCarriesSeedParameters() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);

        assertThat(ciphertext).startsWith("v1:local:k1:").doesNotContain(PLAINTEXT);
        String[] parts = ciphertext.split(":");
        assertThat(parts).hasSize(6);
        assertThat(Base64.getDecoder().decode(parts[3])).as("salt").hasSize(32);
        assertThat(Base64.getDecoder().decode(parts[4])).as("iv").hasSize(16);
        assertThat(Base64.getDecoder().decode(parts[5])).as("ciphertext and 128-bit tag")
                .hasSize(PLAINTEXT.length() + 16);
    }

    @Test
    void ciphertextMadeForOneContextDoesNotDecryptUnderAnother() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);

        assertThatThrownBy(() -> vault.decrypt(ciphertext, "user-other"))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("does not authenticate");
    }

    @ParameterizedTest(name = "altered part {0}")
    @ValueSource(ints = { 3, 4, 5 })
    void alteredCiphertextIsRejected(int part) {
        String[] parts = vault.encrypt(PLAINTEXT, USER).split(":");
        byte[] bytes = Base64.getDecoder().decode(parts[part]);
        bytes[bytes.length - 1] ^= 0x01;
        parts[part] = Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> vault.decrypt(String.join(":", parts), USER))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void truncatedOrForeignCiphertextIsRejected() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);

        assertThatThrownBy(() -> vault.decrypt(ciphertext.substring(0, ciphertext.lastIndexOf(':')), USER))
                .isInstanceOf(TokenVaultException.class).hasMessageContaining("not a local token vault ciphertext");
        assertThatThrownBy(() -> vault.decrypt("vault:v1:abcd", USER))
                .isInstanceOf(TokenVaultException.class).hasMessageContaining("not a local token vault ciphertext");
    }

    @Test
    void encryptingTheSamePlaintextTwiceGivesDifferentCiphertexts() {
        assertThat(vault.encrypt(PLAINTEXT, USER)).isNotEqualTo(vault.encrypt(PLAINTEXT, USER));
    }

    @Test
    void ciphertextUnderARetiredKeyStillDecryptsAfterTheActiveKeyChanges() {
        String underOldKey = vault.encrypt(PLAINTEXT, USER);
        LocalTokenVault rotated = vault(Map.of("k1", oldKey, "k2", newKey), "k2");

        assertThat(rotated.encrypt(PLAINTEXT, USER)).startsWith("v1:local:k2:");
        assertThat(rotated.decrypt(underOldKey, USER)).isEqualTo(PLAINTEXT);
    }

    @Test
    void rotateReEncryptsUnderTheActiveKey() {
        String underOldKey = vault.encrypt(PLAINTEXT, USER);
        LocalTokenVault rotated = vault(Map.of("k1", oldKey, "k2", newKey), "k2");

        String underNewKey = rotated.rotate(underOldKey, USER);

        assertThat(underNewKey).startsWith("v1:local:k2:");
        assertThat(vault(Map.of("k2", newKey), "k2").decrypt(underNewKey, USER)).isEqualTo(PLAINTEXT);
    }

    @Test
    void rotateReturnsACiphertextAlreadyUnderTheActiveKeyUnchanged() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);

        assertThat(vault.rotate(ciphertext, USER)).isSameAs(ciphertext);
    }

    @Test
    void rotateUnderTheWrongContextFails() {
        String underOldKey = vault.encrypt(PLAINTEXT, USER);
        LocalTokenVault rotated = vault(Map.of("k1", oldKey, "k2", newKey), "k2");

        assertThatThrownBy(() -> rotated.rotate(underOldKey, "user-other")).isInstanceOf(TokenVaultException.class);
    }

    @Test
    void ciphertextOfAKeyNoLongerConfiguredNamesThatKey() {
        String underOldKey = vault.encrypt(PLAINTEXT, USER);

        assertThatThrownBy(() -> vault(Map.of("k2", newKey), "k2").decrypt(underOldKey, USER))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("'k1'");
    }

    @Test
    void masterKeyShorterThan32BytesIsRejectedWithoutPrintingIt() {
        String shortKey = randomKey(31);

        TokenVaultException failure = catchThrowableOfType(TokenVaultException.class,
                () -> vault(Map.of("k1", shortKey), "k1"));

        assertThat(failure).hasMessageContaining("autodeploy.token-vault.local.keys.k1").hasMessageContaining("at least 32");
        assertThat(report(failure)).doesNotContain(shortKey);
    }

    @Test
    void masterKeyThatIsNotBase64IsRejectedWithoutPrintingIt() {
        String passphrase = "correct horse battery staple, definitely long enough";

        TokenVaultException failure = catchThrowableOfType(TokenVaultException.class,
                () -> vault(Map.of("k1", passphrase), "k1"));

        assertThat(failure).hasMessageContaining("is not base64");
        assertThat(report(failure)).doesNotContain(passphrase).doesNotContain("correct");
    }

    @Test
    void activeKeyMustBeOneOfTheConfiguredKeys() {
        assertThatThrownBy(() -> vault(Map.of("k1", oldKey), "k9"))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("active-key 'k9'");
    }

    @Test
    void blankContextIsRejected() {
        assertThatThrownBy(() -> vault.encrypt(PLAINTEXT, " ")).isInstanceOf(TokenVaultException.class);
        assertThatThrownBy(() -> vault.decrypt(vault.encrypt(PLAINTEXT, USER), null)).isInstanceOf(TokenVaultException.class);
    }

    @Test
    void failuresNeverReportThePlaintextOrTheKeys() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);
        LocalTokenVault otherKey = vault(Map.of("k1", newKey), "k1");

        for (Runnable failing : new Runnable[] {
                () -> vault.decrypt(ciphertext, "user-other"),
                () -> otherKey.decrypt(ciphertext, USER),
                () -> vault.decrypt(PLAINTEXT, USER),
                () -> vault.rotate(PLAINTEXT, USER),
                () -> vault.encrypt(PLAINTEXT, "") }) {
            TokenVaultException failure = catchThrowableOfType(TokenVaultException.class, failing::run);
            assertThat(failure).isNotNull();
            assertThat(report(failure)).doesNotContain(PLAINTEXT).doesNotContain(oldKey).doesNotContain(newKey);
        }
    }

    private static LocalTokenVault vault(Map<String, String> keys, String activeKey) {
        return new LocalTokenVault(new LocalTokenVaultProperties(new LinkedHashMap<>(keys), activeKey));
    }

    private static String randomKey(int bytes) {
        byte[] key = new byte[bytes];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** Everything a log line with this exception would show: messages and stack of the whole cause chain. */
    static String report(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
