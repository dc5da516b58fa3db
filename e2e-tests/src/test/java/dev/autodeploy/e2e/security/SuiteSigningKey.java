package dev.autodeploy.e2e.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * The suite's real, active signing key, read the way auth-service reads it: the {@code signing_key} row from its
 * database, the private JWK opened with the local token vault's master key ({@code TOKEN_VAULT_LOCAL_KEY}, format
 * {@code v1:local:<keyId>:<salt>:<iv>:<ciphertext+tag>}, PBKDF2-HMAC-SHA256 100 000 iterations, AES-256-GCM, context
 * {@code signing-key:<kid>} as AAD). With it a drill can make tokens that are validly signed but wrong in one claim.
 * Empty when the database or the key is out of reach (a suite elsewhere, a Vault backend).
 */
final class SuiteSigningKey {

    private SuiteSigningKey() {
    }

    static Optional<RSAKey> read(SecurityTarget target) {
        String masterKey = target.secrets().get("TOKEN_VAULT_LOCAL_KEY");
        if (masterKey == null) {
            return Optional.empty();
        }
        try (Connection db = DriverManager.getConnection(target.jdbc("auth"));
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("select kid, private_key from signing_key where status = 'active'")) {
            if (!row.next()) {
                return Optional.empty();
            }
            String kid = row.getString(1);
            return Optional.of(RSAKey.parse(open(row.getString(2), "signing-key:" + kid, masterKey)));
        } catch (SQLException | java.text.ParseException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String open(String sealed, String context, String masterKey) throws GeneralSecurityException {
        String[] parts = sealed.split(":", -1);
        if (parts.length != 6 || !"v1".equals(parts[0]) || !"local".equals(parts[1]) || !"k1".equals(parts[2])) {
            throw new GeneralSecurityException("not a k1 local ciphertext");
        }
        Base64.Decoder base64 = Base64.getDecoder();
        // The vault derives from the canonical base64 text of the decoded master key.
        char[] password = Base64.getEncoder().encodeToString(base64.decode(masterKey)).toCharArray();
        PBEKeySpec spec = new PBEKeySpec(password, base64.decode(parts[3]), 100_000, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, base64.decode(parts[4])));
        cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(base64.decode(parts[5])), StandardCharsets.UTF_8);
    }
}
