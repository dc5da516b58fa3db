package dev.autodeploy.vault;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.SecretKey;

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

    @Test
    void readingACiphertextAgainDoesNotDeriveItsKeyAgain() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);
        CountingDerivation derivations = new CountingDerivation();
        LocalTokenVault restarted = vault(Map.of("k1", oldKey), "k1", derivations, 16);

        for (int read = 0; read < 3; read++) {
            assertThat(restarted.decrypt(ciphertext, USER)).isEqualTo(PLAINTEXT);
        }

        assertThat(derivations.count()).isEqualTo(1);
    }

    @Test
    void aCiphertextJustMadeDecryptsWithoutDerivingItsKeyAgain() {
        CountingDerivation derivations = new CountingDerivation();
        LocalTokenVault counted = vault(Map.of("k1", oldKey), "k1", derivations, 16);

        String ciphertext = counted.encrypt(PLAINTEXT, USER);

        assertThat(counted.decrypt(ciphertext, USER)).isEqualTo(PLAINTEXT);
        assertThat(derivations.count()).isEqualTo(1);
    }

    @Test
    void keptKeyServesOnlyTheContextItAuthenticatedUnder() {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);
        CountingDerivation derivations = new CountingDerivation();
        LocalTokenVault restarted = vault(Map.of("k1", oldKey), "k1", derivations, 16);

        assertThat(restarted.decrypt(ciphertext, USER)).isEqualTo(PLAINTEXT);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> restarted.decrypt(ciphertext, "user-other"))
                    .isInstanceOf(TokenVaultException.class).hasMessageContaining("does not authenticate");
        }

        // each failed attempt derived afresh: nothing was kept for a context that did not authenticate
        assertThat(derivations.count()).isEqualTo(3);
    }

    @ParameterizedTest(name = "altered part {0}")
    @ValueSource(ints = { 4, 5 })
    void alteredCiphertextIsRejectedAlsoWhenItsSaltsKeyIsKept(int part) {
        String ciphertext = vault.encrypt(PLAINTEXT, USER);
        assertThat(vault.decrypt(ciphertext, USER)).isEqualTo(PLAINTEXT);
        String[] parts = ciphertext.split(":");
        byte[] bytes = Base64.getDecoder().decode(parts[part]);
        bytes[0] ^= 0x01;
        parts[part] = Base64.getEncoder().encodeToString(bytes);

        assertThatThrownBy(() -> vault.decrypt(String.join(":", parts), USER))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void keptKeyIsNotUsedForTheSameSaltUnderAnotherMasterKey() {
        LocalTokenVault twoKeys = vault(Map.of("k1", oldKey, "k2", newKey), "k1");
        String ciphertext = twoKeys.encrypt(PLAINTEXT, USER);
        assertThat(twoKeys.decrypt(ciphertext, USER)).isEqualTo(PLAINTEXT);

        assertThatThrownBy(() -> twoKeys.decrypt(ciphertext.replace(":local:k1:", ":local:k2:"), USER))
                .isInstanceOf(TokenVaultException.class)
                .hasMessageContaining("does not authenticate");
    }

    @Test
    void onlyTheMostRecentlyUsedKeysAreKept() {
        String first = vault.encrypt("first", USER);
        String second = vault.encrypt("second", USER);
        String third = vault.encrypt("third", USER);
        CountingDerivation derivations = new CountingDerivation();
        LocalTokenVault restarted = vault(Map.of("k1", oldKey), "k1", derivations, 2);

        restarted.decrypt(first, USER);
        restarted.decrypt(second, USER);
        restarted.decrypt(third, USER);
        restarted.decrypt(second, USER);
        restarted.decrypt(third, USER);
        assertThat(derivations.count()).as("second and third kept").isEqualTo(3);

        assertThat(restarted.decrypt(first, USER)).isEqualTo("first");
        assertThat(derivations.count()).as("first was dropped for them").isEqualTo(4);
    }

    private static LocalTokenVault vault(Map<String, String> keys, String activeKey) {
        return new LocalTokenVault(new LocalTokenVaultProperties(new LinkedHashMap<>(keys), activeKey));
    }

    private static LocalTokenVault vault(Map<String, String> keys, String activeKey, LocalTokenVault.KeyDerivation derivation,
            int derivedKeysKept) {
        return new LocalTokenVault(new LocalTokenVaultProperties(new LinkedHashMap<>(keys), activeKey), derivation, derivedKeysKept);
    }

    /** The real derivation, counted. */
    private static final class CountingDerivation implements LocalTokenVault.KeyDerivation {

        private final AtomicInteger count = new AtomicInteger();

        @Override
        public SecretKey derive(char[] password, byte[] salt) throws GeneralSecurityException {
            count.incrementAndGet();
            return LocalTokenVault.pbkdf2(password, salt);
        }

        int count() {
            return count.get();
        }
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
