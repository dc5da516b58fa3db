package dev.autodeploy.auth.user;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An account. The password hash never leaves this service. */
@Entity
@Table(name = "app_user")
public class User {

    @Id
    private UUID id;

    @Column(nullable = false)
    private String email;

    @Column(nullable = false)
    private String name;

    private String avatarUrl;

    private String passwordHash;

    @Column(nullable = false)
    private boolean emailVerified;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected User() {
    }

    public User(UUID id, String email, String name, String passwordHash, Instant now) {
        this.id = id;
        this.email = email;
        this.name = name;
        this.passwordHash = passwordHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void updateProfile(String name, String avatarUrl, Instant now) {
        this.name = name;
        this.avatarUrl = avatarUrl;
        this.updatedAt = now;
    }

    /** An account whose email a provider (GitHub) has verified; it has no password and signs in through the provider. */
    public static User verifiedByProvider(UUID id, String email, String name, String avatarUrl, Instant now) {
        User user = new User(id, email, name, null, now);
        user.emailVerified = true;
        user.avatarUrl = avatarUrl;
        return user;
    }

    /**
     * Records that a provider has verified the email. A password chosen while it was unverified is
     * dropped: anyone could have registered with this email before its owner arrived (account
     * pre-hijacking), and the owner must not share the account with them.
     *
     * @return whether a password was dropped
     */
    public boolean verifyEmailThroughProvider(Instant now) {
        if (emailVerified) {
            return false;
        }
        emailVerified = true;
        boolean dropped = passwordHash != null;
        passwordHash = null;
        updatedAt = now;
        return dropped;
    }

    public UUID getId() {
        return id;
    }

    public String getEmail() {
        return email;
    }

    public String getName() {
        return name;
    }

    public String getAvatarUrl() {
        return avatarUrl;
    }

    public String getPasswordHash() {
        return passwordHash;
    }

    public boolean isEmailVerified() {
        return emailVerified;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
