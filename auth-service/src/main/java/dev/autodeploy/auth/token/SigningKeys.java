package dev.autodeploy.auth.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.autodeploy.auth.AuthProperties;
import dev.autodeploy.vault.TokenVault;
import dev.autodeploy.vault.TokenVaultException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The RSA keys access tokens are signed with, persisted so tokens survive a restart and every
 * replica signs with the same key. The active key is replaced once it is older than the rotation
 * period, or as soon as it can no longer be decrypted (the vault's key changed); retired keys stay
 * published until the last token they signed has expired.
 */
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    private static final Duration PUBLISHED_CACHE = Duration.ofSeconds(30);

    private final SigningKeyRepository repository;
    private final TokenVault vault;
    private final TransactionTemplate transactions;
    private final AuthProperties properties;
    private final Duration clockSkew;
    private final Clock clock;
    private final AtomicReference<Loaded> active = new AtomicReference<>();
    private final AtomicReference<Published> published = new AtomicReference<>();

    private record Loaded(RSAKey key, Instant createdAt) {
    }

    private record Published(JWKSet keys, Instant loadedAt) {
    }

    SigningKeys(SigningKeyRepository repository, TokenVault vault, TransactionTemplate transactions,
            AuthProperties properties, Duration clockSkew, Clock clock) {
        this.repository = repository;
        this.vault = vault;
        // Keys are read, created and rotated in transactions of their own: the first token is often signed inside
        // a caller's transaction (register), which a failed read or a raced insert here must not mark rollback-only.
        this.transactions = new TransactionTemplate(transactions.getTransactionManager(), transactions);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.properties = properties;
        this.clockSkew = clockSkew;
        this.clock = clock;
    }

    /** The key new tokens are signed with (private part included); created or rotated when due. */
    public RSAKey current() {
        Loaded loaded = active.get();
        if (loaded == null || isDue(loaded.createdAt())) {
            loaded = loadOrCreateActive();
            active.set(loaded);
        }
        return loaded.key();
    }

    /** Public keys a token may be signed with, for the JWKS and for verification. */
    public JWKSet published() {
        Published cached = published.get();
        if (cached == null || cached.loadedAt().plus(PUBLISHED_CACHE).isBefore(clock.instant())) {
            cached = loadPublished();
        }
        return cached.keys();
    }

    /** Re-reads the published keys now, e.g. when a token names a key id not seen yet. */
    public JWKSet reloadPublished() {
        return loadPublished().keys();
    }

    /** Retires the active key and starts signing with a new one. */
    public String rotate() {
        Loaded fresh = transactions.execute(status -> {
            repository.findActive().ifPresent(key -> key.retire(clock.instant()));
            repository.flush();
            return create();
        });
        active.set(fresh);
        published.set(null);
        log.info("Signing key rotated; new key id {}", fresh.key().getKeyID());
        return fresh.key().getKeyID();
    }

    private boolean isDue(Instant createdAt) {
        return createdAt.plus(properties.signingKeyRotation()).isBefore(clock.instant());
    }

    private Loaded loadOrCreateActive() {
        Loaded existing = null;
        boolean unreadable = false;
        try {
            existing = transactions.execute(status -> repository.findActive().map(this::decrypt).orElse(null));
        }
        catch (TokenVaultException ex) {
            // The vault's key changed (a new TOKEN_VAULT_LOCAL_KEY, another Vault): nobody can sign with this key
            // any more. A signing key is ours to replace; failing every login instead would help no one.
            unreadable = true;
            log.warn("The active signing key cannot be decrypted with the token vault's current key ({}); retiring it "
                    + "and signing with a new one", ex.getMessage());
        }
        if (existing != null && !isDue(existing.createdAt())) {
            return existing;
        }
        try {
            if (existing != null || unreadable) {
                rotate();
                return active.get();
            }
            Loaded created = transactions.execute(status -> create());
            published.set(null);
            return created;
        }
        catch (DataIntegrityViolationException raced) {
            // Another replica created or rotated the key at the same moment: use theirs.
            return transactions.execute(status -> repository.findActive().map(this::decrypt)).orElseThrow();
        }
    }

    private Loaded create() {
        try {
            String kid = UUID.randomUUID().toString();
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .generate();
            Instant now = clock.instant();
            repository.saveAndFlush(new SigningKey(kid, key.toPublicJWK().toJSONString(),
                    vault.encrypt(key.toJSONString(), context(kid)), now));
            return new Loaded(key, now);
        }
        catch (JOSEException ex) {
            throw new IllegalStateException("Cannot generate an RSA signing key", ex);
        }
    }

    private Loaded decrypt(SigningKey stored) {
        try {
            RSAKey key = RSAKey.parse(vault.decrypt(stored.encryptedPrivateKey(), context(stored.kid())));
            return new Loaded(key, stored.createdAt());
        }
        catch (ParseException ex) {
            throw new IllegalStateException("Stored signing key " + stored.kid() + " is not a valid JWK");
        }
    }

    private Published loadPublished() {
        Instant since = clock.instant().minus(properties.accessTokenTtl()).minus(clockSkew);
        List<SigningKey> keys = transactions.execute(status -> repository.findPublished(since));
        JWKSet set = new JWKSet(keys.stream().map(key -> {
            try {
                return (com.nimbusds.jose.jwk.JWK) RSAKey.parse(key.publicKey());
            }
            catch (ParseException ex) {
                throw new IllegalStateException("Stored public key " + key.kid() + " is not a valid JWK");
            }
        }).toList());
        Published loaded = new Published(set, clock.instant());
        published.set(loaded);
        return loaded;
    }

    private static String context(String kid) {
        return "signing-key:" + kid;
    }
}
