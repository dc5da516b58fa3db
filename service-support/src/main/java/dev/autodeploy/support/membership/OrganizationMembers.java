package dev.autodeploy.support.membership;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's local projection of organization membership ({@code organization_member}), kept
 * from auth-service's events. Changes carry the time they happened: an older change never
 * overwrites a newer one.
 */
public class OrganizationMembers {

    private final JdbcClient jdbc;

    public OrganizationMembers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The user's role in the organization, empty when not a member. */
    public Optional<Role> roleOf(UUID organizationId, UUID userId) {
        return jdbc.sql("SELECT role FROM organization_member WHERE organization_id = ? AND user_id = ?")
                .params(organizationId, userId).query(String.class).optional().flatMap(Role::fromWire);
    }

    void grant(UUID organizationId, UUID userId, Role role, Instant changedAt) {
        jdbc.sql("""
                INSERT INTO organization_member (organization_id, user_id, role, changed_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (organization_id, user_id) DO UPDATE SET role = EXCLUDED.role, changed_at = EXCLUDED.changed_at
                WHERE organization_member.changed_at <= EXCLUDED.changed_at""")
                .params(organizationId, userId, role.wire(), Timestamp.from(changedAt)).update();
    }

    void revoke(UUID organizationId, UUID userId, Instant changedAt) {
        jdbc.sql("DELETE FROM organization_member WHERE organization_id = ? AND user_id = ? AND changed_at <= ?")
                .params(organizationId, userId, Timestamp.from(changedAt)).update();
    }

    void forgetUser(UUID userId) {
        jdbc.sql("DELETE FROM organization_member WHERE user_id = ?").param(userId).update();
    }
}
