package dev.autodeploy.auth.organization;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "invitation")
class Invitation {

    @Id
    private UUID id;

    @Column(nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String role;

    @Column(nullable = false)
    private String tokenHash;

    @Column(nullable = false)
    private UUID invitedBy;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant expiresAt;

    private Instant acceptedAt;

    private Instant declinedAt;

    protected Invitation() {
    }

    Invitation(UUID organizationId, String email, Role role, String tokenHash, UUID invitedBy, Instant now,
            Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.email = email;
        this.role = role.wire();
        this.tokenHash = tokenHash;
        this.invitedBy = invitedBy;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean open(Instant now) {
        return acceptedAt == null && declinedAt == null && expiresAt.isAfter(now);
    }

    String status(Instant now) {
        if (acceptedAt != null) {
            return "accepted";
        }
        if (declinedAt != null) {
            return "declined";
        }
        return expiresAt.isAfter(now) ? "pending" : "expired";
    }

    void accept(Instant now) {
        acceptedAt = now;
    }

    void decline(Instant now) {
        declinedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    String email() {
        return email;
    }

    Role role() {
        return Role.fromWire(role);
    }

    UUID invitedBy() {
        return invitedBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }
}
