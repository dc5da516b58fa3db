package dev.autodeploy.auth.oauth;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.autodeploy.auth.connection.ConnectionApi.NewConnection;
import dev.autodeploy.auth.connection.Provider;
import dev.autodeploy.auth.connection.ProviderConnections;
import dev.autodeploy.auth.session.Sessions;
import dev.autodeploy.auth.user.User;
import dev.autodeploy.auth.user.UserRepository;
import dev.autodeploy.events.UserRegistered;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Finds or creates the AutoDeploy account of a GitHub account, idempotently: the user the GitHub
 * account is connected to; else the user whose email is the GitHub account's verified primary
 * email; else a new user with that email, verified. A GitHub account without a verified primary
 * email gets no account: nobody could prove owning it. The connection (token encrypted) is stored
 * or refreshed in the same transaction. A new account and a verification of an existing account's
 * email go into that account's personal audit log.
 */
@Component
class GitHubAccounts {

    private static final Logger log = LoggerFactory.getLogger(GitHubAccounts.class);
    private static final int MAX_NAME = 200;

    private final UserRepository users;
    private final ProviderConnections connections;
    private final Sessions sessions;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;

    GitHubAccounts(UserRepository users, ProviderConnections connections, Sessions sessions,
            TransactionTemplate transactions, Clock clock, ApplicationEventPublisher events, AuditTrail audit) {
        this.users = users;
        this.connections = connections;
        this.sessions = sessions;
        this.transactions = transactions;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
    }

    User signIn(GitHubClient.Account account, List<GitHubClient.Email> emails, GitHubClient.Token token) {
        try {
            return transactions.execute(status -> resolveAndLink(account, emails, token));
        }
        catch (DataIntegrityViolationException raced) {
            // A concurrent sign-in of the same person created the user or connection first: use theirs.
            return transactions.execute(status -> resolveAndLink(account, emails, token));
        }
    }

    private User resolveAndLink(GitHubClient.Account account, List<GitHubClient.Email> emails,
            GitHubClient.Token token) {
        String accountId = Long.toString(account.id());
        User user = connections.ownerOf(Provider.GITHUB, accountId).flatMap(users::findById)
                .orElseGet(() -> byVerifiedEmail(account, emails));
        connections.link(user.getId(), new NewConnection(Provider.GITHUB, accountId, account.login(), null,
                token.accessToken(), token.scopes()));
        return user;
    }

    private User byVerifiedEmail(GitHubClient.Account account, List<GitHubClient.Email> emails) {
        String email = verifiedPrimary(emails).orElseThrow(OAuthProblems.NoVerifiedEmail::new);
        Optional<User> existing = users.findByEmail(email);
        if (existing.isEmpty()) {
            User created = users.saveAndFlush(User.verifiedByProvider(UUID.randomUUID(), email, name(account),
                    account.avatarUrl(), clock.instant()));
            events.publishEvent(new UserRegistered(UUID.randomUUID(), clock.instant(), created.getId(), "github"));
            audit.recordPersonal(created.getId(), "user.registered", AuditTarget.of("user", created.getId()), null,
                    Map.of("email", created.getEmail(), "name", created.getName(), "method", "github"));
            log.info("Registered user {} through GitHub", created.getId());
            return created;
        }
        User user = existing.get();
        if (connections.accountOf(user.getId(), Provider.GITHUB).isPresent()) {
            throw new OAuthProblems.EmailOwnedByAnotherGitHubAccount();
        }
        boolean wasVerified = user.isEmailVerified();
        boolean passwordDropped = user.verifyEmailThroughProvider(clock.instant());
        if (!wasVerified) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("emailVerified", true);
            if (passwordDropped) {
                after.put("passwordChanged", true);
            }
            audit.recordPersonal(user.getId(), "user.updated", AuditTarget.of("user", user.getId()),
                    Map.of("emailVerified", false), after);
        }
        if (passwordDropped) {
            // Whoever chose that password never proved owning the email; their sessions end with it.
            sessions.endAllSessions(user.getId(), "password-dropped");
            log.info("User {} signed in through GitHub with its email verified there: dropped the password set "
                    + "before the email was verified", user.getId());
        }
        return user;
    }

    private static Optional<String> verifiedPrimary(List<GitHubClient.Email> emails) {
        return emails.stream().filter(e -> e.primary() && e.verified() && e.email() != null && !e.email().isBlank())
                .map(e -> e.email().trim()).findFirst();
    }

    private static String name(GitHubClient.Account account) {
        String name = account.name() == null || account.name().isBlank() ? account.login() : account.name().trim();
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
