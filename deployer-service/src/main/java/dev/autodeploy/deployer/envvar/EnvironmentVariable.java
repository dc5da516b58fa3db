package dev.autodeploy.deployer.envvar;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One variable of an environment. A plain value is stored as is; a secret only as TokenVault ciphertext bound
 * to its environment and key (the table's check constraint holds exactly one of the two).
 */
@Entity
@Table(name = "environment_variables")
class EnvironmentVariable {

    @Id
    private UUID id;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Column(nullable = false)
    private String key;

    private String value;

    @Column(name = "encrypted_value")
    private String encryptedValue;

    @Column(name = "is_secret", nullable = false)
    private boolean secret;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected EnvironmentVariable() {
    }

    EnvironmentVariable(UUID environmentId, String key, UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.environmentId = environmentId;
        this.key = key;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    String key() {
        return key;
    }

    boolean secret() {
        return secret;
    }

    /** The plain value; null for a secret. */
    String value() {
        return value;
    }

    String encryptedValue() {
        return encryptedValue;
    }

    UUID createdBy() {
        return createdBy;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void setPlain(String value, Instant now) {
        this.secret = false;
        this.value = value;
        this.encryptedValue = null;
        this.updatedAt = now;
    }

    void setSecret(String ciphertext, Instant now) {
        this.secret = true;
        this.value = null;
        this.encryptedValue = ciphertext;
        this.updatedAt = now;
    }

    @Override
    public String toString() {
        return "EnvironmentVariable[" + key + (secret ? ", secret" : "") + "]";
    }
}
