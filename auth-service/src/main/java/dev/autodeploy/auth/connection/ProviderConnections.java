package dev.autodeploy.auth.connection;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.auth.connection.ConnectionApi.ConnectionView;
import dev.autodeploy.auth.connection.ConnectionApi.NewConnection;
import dev.autodeploy.auth.connection.ConnectionApi.ProviderToken;
import dev.autodeploy.events.ProviderConnectionChanged;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.vault.TokenVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Links provider accounts to users and keeps their tokens, encrypted by the {@link TokenVault} under
 * the owning user's id: a ciphertext copied to another user's row does not decrypt. Connecting an
 * account and removing a connection go into the user's personal audit log (never the token).
 */
@Component
public class ProviderConnections {

    private static final Logger log = LoggerFactory.getLogger(ProviderConnections.class);

    private final ProviderConnectionRepository repository;
    private final TokenVault vault;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    ProviderConnections(ProviderConnectionRepository repository, TokenVault vault, Clock clock,
            ApplicationEventPublisher events, AuditTrail audit) {
        this.repository = repository;
        this.vault = vault;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    /** The user the provider account is connected to, if any. */
    @Transactional(readOnly = true)
    public Optional<UUID> ownerOf(Provider provider, String accountId) {
        return repository.findByAccount(provider.wire(), accountId).map(ProviderConnection::userId);
    }

    /** The provider account the user is connected to, if any. */
    @Transactional(readOnly = true)
    public Optional<String> accountOf(UUID userId, Provider provider) {
        return repository.findByUser(userId, provider.wire()).map(ProviderConnection::accountId);
    }

    /**
     * Connects the account to the user, or refreshes the connection (token, scopes, login) when it
     * is already theirs. A user connected to another account of the provider is moved to this one;
     * an account connected to another user is refused.
     */
    @Transactional
    public ConnectionView link(UUID userId, NewConnection account) {
        Provider provider = account.provider();
        Instant now = clock.instant();
        ProviderConnection connection = repository.findByAccount(provider.wire(), account.accountId()).orElse(null);
        if (connection != null && !connection.userId().equals(userId)) {
            throw new ConnectionProblems.AccountLinkedToAnotherUser(provider);
        }
        if (connection == null) {
            connection = repository.findByUser(userId, provider.wire())
                    .orElseGet(() -> new ProviderConnection(userId, provider, now));
        }
        // A connection to another account of the provider (or none) is a new connection; the same account signing
        // in again only refreshes its token, which is not recorded (it would be an entry per GitHub sign-in).
        String previousAccount = connection.accountId();
        if (!account.accountId().equals(previousAccount)) {
            audit.recordPersonal(userId, "connection.created", AuditTarget.of("connection", provider.wire()),
                    previousAccount == null ? null : Map.of("provider", provider.wire(), "accountId", previousAccount),
                    connected(provider, account));
        }
        connection.refresh(account.accountId(), account.login(), account.teamId(), String.join(" ", account.scopes()),
                vault.encrypt(account.accessToken(), context(userId)), now);
        repository.saveAndFlush(connection);
        events.publishEvent(new ProviderConnectionChanged(UUID.randomUUID(), now, userId, provider.wire(),
                account.accountId(), true));
        log.info("Connected {} account {} to user {}", provider.wire(), account.accountId(), userId);
        return view(connection);
    }

    @Transactional(readOnly = true)
    List<ConnectionView> of(UUID userId) {
        return repository.findAllOf(userId).stream().map(ProviderConnections::view).toList();
    }

    /** Deletes the connection and with it the only copy of the token; false when there was none. */
    @Transactional
    boolean unlink(UUID userId, Provider provider) {
        Optional<String> accountId = accountOf(userId, provider);
        boolean removed = repository.deleteOf(userId, provider.wire()) > 0;
        if (removed) {
            Map<String, Object> before = new LinkedHashMap<>();
            before.put("provider", provider.wire());
            before.put("accountId", accountId.orElse(null));
            audit.recordPersonal(userId, "connection.deleted", AuditTarget.of("connection", provider.wire()), before,
                    null);
            events.publishEvent(new ProviderConnectionChanged(UUID.randomUUID(), clock.instant(), userId,
                    provider.wire(), accountId.orElse(null), false));
            log.info("Disconnected {} from user {}", provider.wire(), userId);
        }
        return removed;
    }

    @Transactional(readOnly = true)
    Optional<ProviderToken> token(UUID userId, Provider provider) {
        return repository.findByUser(userId, provider.wire()).map(connection -> new ProviderToken(provider.wire(),
                vault.decrypt(connection.encryptedAccessToken(), context(userId)), scopes(connection),
                connection.teamId()));
    }

    /** What the audit entry keeps of a new connection: who the provider account is, never its token. */
    private static Map<String, Object> connected(Provider provider, NewConnection account) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("provider", provider.wire());
        after.put("accountId", account.accountId());
        after.put("login", account.login());
        after.put("teamId", account.teamId());
        after.put("scopes", account.scopes());
        return after;
    }

    private static ConnectionView view(ProviderConnection connection) {
        return new ConnectionView(connection.provider().wire(), connection.accountId(), connection.login(),
                scopes(connection), connection.linkedAt());
    }

    private static List<String> scopes(ProviderConnection connection) {
        return Arrays.stream(connection.scopes().split(" ")).filter(scope -> !scope.isBlank()).toList();
    }

    private static String context(UUID userId) {
        return userId.toString();
    }
}
