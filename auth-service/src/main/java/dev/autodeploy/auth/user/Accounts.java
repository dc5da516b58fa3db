package dev.autodeploy.auth.user;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.autodeploy.events.OrganizationMemberChanged;
import dev.autodeploy.events.UserDeleted;
import dev.autodeploy.support.audit.AuditTarget;
import dev.autodeploy.support.audit.AuditTrail;
import dev.autodeploy.support.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Account self-service. Deleting an account removes the person's data — the user row, and with it
 * (foreign keys cascade) refresh tokens, memberships and provider connections — so nothing
 * personal is left behind, and tells the other services through {@link UserDeleted}. Profile changes
 * and the deletion go into the account's personal audit log (which, append-only, outlives it).
 */
@Component
public class Accounts {

    private static final Logger log = LoggerFactory.getLogger(Accounts.class);

    static final class UserNotFound extends ApiException {
        UserNotFound() {
            super(HttpStatus.NOT_FOUND, "user-not-found", "No such user.");
        }
    }

    static final class SoleOwner extends ApiException {
        SoleOwner() {
            super(HttpStatus.CONFLICT, "sole-owner",
                    "You are the only owner of an organization: make someone else owner or delete it first.");
        }
    }

    private final UserRepository users;
    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Accounts(UserRepository users, JdbcClient jdbc, ApplicationEventPublisher events, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.jdbc = jdbc;
        this.events = events;
        this.clock = clock;
    }

    /** The account {@code id} if it is the caller's own; "not found" otherwise. */
    User own(Jwt caller, UUID id) {
        if (!id.toString().equals(caller.getSubject())) {
            throw new UserNotFound();
        }
        return users.findById(id).orElseThrow(UserNotFound::new);
    }

    @Transactional
    UserView updateProfile(UUID id, String name, String avatarUrl) {
        User user = users.findById(id).orElseThrow(UserNotFound::new);
        Map<String, Object> before = profile(user);
        user.updateProfile(name, avatarUrl, clock.instant());
        Map<String, Object> after = profile(user);
        if (!after.equals(before)) {
            audit.recordPersonal(id, "user.updated", AuditTarget.of("user", id), before, after);
        }
        return UserView.of(user);
    }

    @Transactional
    void delete(UUID id) {
        // An organization must keep an owner: its other members would be locked out of it otherwise.
        boolean soleOwner = jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM organization_member m WHERE m.user_id = ? AND m.role = 'owner'
                  AND NOT EXISTS (SELECT 1 FROM organization_member o
                                  WHERE o.organization_id = m.organization_id AND o.role = 'owner' AND o.user_id <> m.user_id))""")
                .param(id).query(Boolean.class).single();
        if (soleOwner) {
            throw new SoleOwner();
        }
        jdbc.sql("SELECT organization_id, role FROM organization_member WHERE user_id = ?").param(id)
                .query((row, n) -> new OrganizationMemberChanged(UUID.randomUUID(), clock.instant(),
                        row.getObject("organization_id", UUID.class), id, row.getString("role"), null))
                .list().forEach(left -> {
                    events.publishEvent(left);
                    // Leaving every organization is a membership change each of them keeps in its audit log.
                    audit.record(left.organizationId(), "member.removed", AuditTarget.of("member", id),
                            Map.of("userId", id, "role", left.previousRole(), "reason", "account-deleted"), null);
                });
        User user = users.findById(id).orElseThrow(UserNotFound::new);
        audit.recordPersonal(id, "user.deleted", AuditTarget.of("user", id),
                Map.of("email", user.getEmail(), "name", user.getName()), null);
        users.delete(user);
        events.publishEvent(new UserDeleted(UUID.randomUUID(), clock.instant(), id));
        log.info("Deleted user {} and their personal data", id);
    }

    /**
     * What a profile change records: the fields a user can change (email and password cannot be changed through the
     * API yet; a password change would be recorded only as {@code passwordChanged: true}).
     */
    private static Map<String, Object> profile(User user) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", user.getName());
        fields.put("avatarUrl", user.getAvatarUrl());
        return fields;
    }
}
