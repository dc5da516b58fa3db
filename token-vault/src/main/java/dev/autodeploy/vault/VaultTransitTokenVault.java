package dev.autodeploy.vault;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.ClientHttpRequestFactoryFactory;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultTransitOperations;
import org.springframework.vault.support.ClientOptions;
import org.springframework.vault.support.SslConfiguration;
import org.springframework.vault.support.VaultTransitContext;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Token vault backed by HashiCorp Vault's transit engine ({@code <mount>/encrypt|decrypt|rewrap/<key>}).
 *
 * <p>The context goes to Vault as the key-derivation context, so the transit key must be created
 * with {@code derived=true} ({@code vault write -f transit/keys/<key> derived=true}); Vault then
 * refuses to decrypt a ciphertext under any other context. The token's policy needs {@code update}
 * on those three paths. Ciphertexts are stored as Vault returns them ({@code vault:v<N>:...}), and
 * after {@code vault write -f transit/keys/<key>/rotate} {@link #rotate} rewraps them to the newest
 * key version without the plaintext leaving Vault.
 */
final class VaultTransitTokenVault implements TokenVault {

    private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d{1,9}):\\S+");

    private final VaultTransitOperations transit;
    private final String keyName;

    VaultTransitTokenVault(VaultTransitOperations transit, String keyName) {
        this.transit = transit;
        this.keyName = keyName;
    }

    /** A vault talking to the configured server with a static token and the configured timeouts. */
    static VaultTransitTokenVault connect(VaultTransitProperties properties) {
        ClientHttpRequestFactory http = ClientHttpRequestFactoryFactory.create(
                new ClientOptions(properties.connectTimeout(), properties.readTimeout()), SslConfiguration.unconfigured());
        VaultTemplate vault = new VaultTemplate(VaultEndpoint.from(properties.uri()), http,
                new SimpleSessionManager(new TokenAuthentication(properties.token())));
        return new VaultTransitTokenVault(vault.opsForTransit(properties.mountPath()), properties.keyName());
    }

    @Override
    public String encrypt(String plaintext, String context) {
        if (plaintext == null) {
            throw new TokenVaultException("plaintext must not be null");
        }
        VaultTransitContext derivation = derivation(context);
        String ciphertext = call("encrypt", () -> transit.encrypt(keyName, plaintext.getBytes(UTF_8), derivation));
        requireReturnedCiphertext("encrypt", ciphertext);
        return ciphertext;
    }

    @Override
    public String decrypt(String ciphertext, String context) {
        requireCiphertext(ciphertext);
        VaultTransitContext derivation = derivation(context);
        return new String(call("decrypt", () -> transit.decrypt(keyName, ciphertext, derivation)), UTF_8);
    }

    /**
     * Rewraps in one call, which also proves the ciphertext and context are valid; when Vault's newest
     * key version is the one the ciphertext already had, the input is returned instead of the new
     * ciphertext so callers need not write anything back.
     */
    @Override
    public String rotate(String ciphertext, String context) {
        int version = requireCiphertext(ciphertext);
        VaultTransitContext derivation = derivation(context);
        String rewrapped = call("rewrap", () -> transit.rewrap(keyName, ciphertext, derivation));
        return requireReturnedCiphertext("rewrap", rewrapped) == version ? ciphertext : rewrapped;
    }

    private <T> T call(String operation, Supplier<T> request) {
        T result;
        try {
            result = request.get();
        }
        catch (RuntimeException e) {
            // Vault's error text stays in the cause (it never echoes the token or the plaintext); the
            // message says what failed in words a caller can act on.
            throw new TokenVaultException("Vault transit " + operation + " with key '" + keyName + "' failed" + reason(e), e);
        }
        if (result == null) {
            throw new TokenVaultException("Vault transit " + operation + " with key '" + keyName + "' returned no data");
        }
        return result;
    }

    private static String reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RestClientResponseException response) {
                return ": HTTP " + response.getStatusCode().value();
            }
            if (t instanceof ResourceAccessException) {
                return ": Vault did not answer";
            }
        }
        return "";
    }

    private static VaultTransitContext derivation(String context) {
        if (context == null || context.isBlank()) {
            throw new TokenVaultException("context must not be blank: it binds a ciphertext to its owner");
        }
        return VaultTransitContext.fromContext(context.getBytes(UTF_8));
    }

    // Nothing of the input goes into the message: a caller may have passed a plaintext by mistake.
    private static int requireCiphertext(String ciphertext) {
        int version = keyVersion(ciphertext);
        if (version < 0) {
            throw new TokenVaultException("not a Vault transit ciphertext (expected vault:v<N>:...)");
        }
        return version;
    }

    private int requireReturnedCiphertext(String operation, String ciphertext) {
        int version = keyVersion(ciphertext);
        if (version < 0) {
            throw new TokenVaultException("Vault transit " + operation + " with key '" + keyName + "' returned no ciphertext");
        }
        return version;
    }

    /** The key version a {@code vault:v<N>:...} ciphertext names, or -1 for anything else. */
    private static int keyVersion(String ciphertext) {
        Matcher matcher = CIPHERTEXT.matcher(ciphertext == null ? "" : ciphertext);
        return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
    }
}
