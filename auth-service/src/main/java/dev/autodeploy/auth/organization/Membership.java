package dev.autodeploy.auth.organization;

import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

@Entity
@Table(name = "organization_member")
@IdClass(Membership.Key.class)
class Membership {

    record Key(UUID organizationId, UUID userId) implements Serializable {
        Key() {
            this(null, null);
        }
    }

    @Id
    private UUID organizationId;

    @Id
    private UUID userId;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private Instant joinedAt;

    protected Membership() {
    }

    Membership(UUID organizationId, UUID userId, Role role, Instant now) {
        this.organizationId = organizationId;
        this.userId = userId;
        this.role = role.wire();
        this.joinedAt = now;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID userId() {
        return userId;
    }

    Role role() {
        return Role.fromWire(role);
    }

    void changeRole(Role newRole) {
        this.role = newRole.wire();
    }

    Instant joinedAt() {
        return joinedAt;
    }
}
