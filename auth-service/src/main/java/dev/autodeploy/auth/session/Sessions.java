package dev.autodeploy.auth.session;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.auth.AuthProperties;
import dev.autodeploy.auth.session.SessionProblems.EmailTaken;
import dev.autodeploy.auth.session.SessionProblems.InvalidCredentials;
import dev.autodeploy.auth.session.SessionProblems.InvalidRefreshToken;
import dev.autodeploy.auth.session.SessionProblems.RefreshTokenReused;
import dev.autodeploy.auth.session.SessionRequests.Session;
import dev.autodeploy.auth.token.AccessTokens;
import dev.autodeploy.auth.user.User;
import dev.autodeploy.auth.user.UserRepository;
import dev.autodeploy.auth.user.UserView;
import dev.autodeploy.events.UserRegistered;
import dev.autodeploy.support.audit.AuditActor;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration, login, refresh-token rotation with reuse detection, and logout. A login starts a
 * refresh-token family; each refresh uses up one token and issues the next in the family;
 * presenting a used token again means it leaked, so the whole family is revoked. Registration,
 * sign-ins (and failed ones against an existing account) and sign-outs go into the account's
 * personal audit log, the family id standing for the session.
 */
@Component
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    /** How a user proved who they are, in {@code session.created}: with their password. */
    static final String PASSWORD = "password";

    private final UserRepository users;
    private final RefreshTokenRepository refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordEncoder passwords;
    private final AuthProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final AuditTrail audit;
    private final SecureRandom random = new SecureRandom();
    /** Compared against when the email is unknown, so both failures take as long. */
    private final String decoyHash;

    Sessions(UserRepository users, RefreshTokenRepository refreshTokens, AccessTokens accessTokens,
            PasswordEncoder passwords, AuthProperties properties, Clock clock, ApplicationEventPublisher events,
            AuditTrail audit) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.passwords = passwords;
        this.properties = properties;
        this.clock = clock;
        this.events = events;
        this.audit = audit;
        this.decoyHash = passwords.encode(UUID.randomUUID().toString());
    }

    @Transactional
    Session register(SessionRequests.Register request) {
        String email = request.email().trim();
        if (users.findByEmail(email).isPresent()) {
            throw new EmailTaken();
        }
        User user;
        try {
            user = users.saveAndFlush(new User(UUID.randomUUID(), email, request.name().trim(),
                    passwords.encode(request.password()), clock.instant()));
        }
        catch (DataIntegrityViolationException raced) {
            throw new EmailTaken();
        }
        events.publishEvent(new UserRegistered(UUID.randomUUID(), clock.instant(), user.getId(), "password"));
        audit.recordPersonal(user.getId(), "user.registered", AuditTarget.of("user", user.getId()), null,
                Map.of("email", user.getEmail(), "name", user.getName(), "method", PASSWORD));
        log.info("Registered user {}", user.getId());
        return startRecorded(user, PASSWORD);
    }

    /**
     * A failed sign-in is recorded (committed: nothing else is written) only against an existing account: an entry
     * per unknown email would let anyone fill the log. Its actor is anonymous, the password is never in it.
     */
    @Transactional(noRollbackFor = InvalidCredentials.class)
    Session login(SessionRequests.Login request) {
        User user = users.findByEmail(request.email().trim()).orElse(null);
        String hash = user == null || user.getPasswordHash() == null ? decoyHash : user.getPasswordHash();
        boolean matches = passwords.matches(request.password(), hash);
        if (user == null || user.getPasswordHash() == null || !matches) {
            if (user != null) {
                audit.recordPersonal(AuditActor.anonymous(), user.getId(), "session.failed",
                        AuditTarget.of("user", user.getId()), null, Map.of("method", PASSWORD, "reason",
                                user.getPasswordHash() == null ? "no-password" : "wrong-password"));
            }
            throw new InvalidCredentials();
        }
        return startRecorded(user, PASSWORD);
    }

    /**
     * Not in the personal audit log: a session refreshes every few minutes, so its entries would bury everything
     * else. A reused token revoking its family is logged (warn) rather than audited.
     */
    @Transactional(noRollbackFor = RefreshTokenReused.class)
    Session refresh(String presented) {
        Instant now = clock.instant();
        RefreshToken token = refreshTokens.findForUpdate(hash(presented)).orElseThrow(InvalidRefreshToken::new);
        if (token.used()) {
            int revoked = refreshTokens.revokeFamily(token.familyId(), now);
            log.warn("Refresh token reuse for user {}: revoked {} token(s) of family {}", token.userId(), revoked,
                    token.familyId());
            throw new RefreshTokenReused();
        }
        if (!token.usable(now)) {
            throw new InvalidRefreshToken();
        }
        token.markUsed(now);
        User user = users.findById(token.userId()).orElseThrow(InvalidRefreshToken::new);
        return start(user, token.familyId());
    }

    /**
     * Starts a session (new refresh-token family) for an account whose identity was established
     * some other way, e.g. by an OAuth provider.
     */
    @Transactional
    public SessionRequests.Session signIn(User user, String method) {
        return startRecorded(user, method);
    }

    /**
     * Ends every session of the account, e.g. when the credentials they were started with are no longer trusted;
     * {@code reason} goes into the account's audit entry (one for all of them, none when there were none).
     */
    @Transactional
    public void endAllSessions(UUID userId, String reason) {
        int revoked = refreshTokens.revokeAllOf(userId, clock.instant());
        if (revoked > 0) {
            audit.recordPersonal(userId, "session.revoked", AuditTarget.of("user", userId), null,
                    Map.of("reason", reason, "all", true));
        }
        log.info("Ended all sessions of user {}: revoked {} refresh token(s)", userId, revoked);
    }

    /**
     * Ends the login the token belongs to; an unknown token is not an error (logging out twice is fine, and only the
     * first is recorded).
     */
    @Transactional
    void logout(String presented) {
        refreshTokens.findForUpdate(hash(presented)).ifPresent(token -> {
            if (refreshTokens.revokeFamily(token.familyId(), clock.instant()) > 0) {
                audit.recordPersonal(token.userId(), "session.revoked", AuditTarget.of("session", token.familyId()),
                        null, Map.of("reason", "logout"));
            }
        });
    }

    /** A new session (refresh-token family), recorded in the account's log with how the user proved who they are. */
    private Session startRecorded(User user, String method) {
        UUID familyId = UUID.randomUUID();
        audit.recordPersonal(user.getId(), "session.created", AuditTarget.of("session", familyId), null,
                Map.of("method", method));
        return start(user, familyId);
    }

    private Session start(User user, UUID familyId) {
        Instant now = clock.instant();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant refreshExpiresAt = now.plus(properties.refreshTokenTtl());
        refreshTokens.save(new RefreshToken(familyId, user.getId(), hash(refreshToken), now, refreshExpiresAt));
        AccessTokens.Issued access = accessTokens.issue(user);
        return new Session(UserView.of(user), access.token(), "Bearer",
                properties.accessTokenTtl().toSeconds(), access.expiresAt(), refreshToken, refreshExpiresAt);
    }

    private static String hash(String token) {
        return TokenHashes.sha256(token);
    }
}
