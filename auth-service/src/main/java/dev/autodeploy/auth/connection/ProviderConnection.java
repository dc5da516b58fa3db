package dev.autodeploy.auth.connection;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's account at a provider; the access token is held only as a TokenVault ciphertext. */
@Entity
@Table(name = "provider_connection")
class ProviderConnection {

    @Id
    private UUID id;

    @Column(nullable = false)
    private UUID userId;

    @Column(nullable = false)
    private String provider;

    @Column(nullable = false)
    private String providerAccountId;

    private String login;

    private String providerTeamId;

    @Column(nullable = false)
    private String scopes;

    @Column(name = "access_token", nullable = false)
    private String encryptedAccessToken;

    @Column(nullable = false)
    private Instant linkedAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected ProviderConnection() {
    }

    ProviderConnection(UUID userId, Provider provider, Instant now) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.provider = provider.wire();
        this.linkedAt = now;
    }

    /** Points the connection at {@code accountId} (a new link when it was another account) with a fresh token. */
    void refresh(String accountId, String login, String teamId, String scopes, String encryptedAccessToken,
            Instant now) {
        if (providerAccountId != null && !providerAccountId.equals(accountId)) {
            linkedAt = now;
        }
        this.providerAccountId = accountId;
        this.login = login;
        this.providerTeamId = teamId;
        this.scopes = scopes;
        this.encryptedAccessToken = encryptedAccessToken;
        this.updatedAt = now;
    }

    UUID userId() {
        return userId;
    }

    Provider provider() {
        return Provider.fromWire(provider).orElseThrow();
    }

    String accountId() {
        return providerAccountId;
    }

    String login() {
        return login;
    }

    String teamId() {
        return providerTeamId;
    }

    String scopes() {
        return scopes;
    }

    String encryptedAccessToken() {
        return encryptedAccessToken;
    }

    Instant linkedAt() {
        return linkedAt;
    }
}
