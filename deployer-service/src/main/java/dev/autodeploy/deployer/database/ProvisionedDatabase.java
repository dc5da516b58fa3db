package dev.autodeploy.deployer.database;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A database made for a project's environment (on the local target: a database and a role of their own on the
 * platform's Postgres). Its password lives only in the connection string, a secret variable of the environment.
 */
@Entity
@Table(name = "databases")
class ProvisionedDatabase {

    static final String PROVISIONING = "provisioning";
    static final String AVAILABLE = "available";
    static final String FAILED = "failed";

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(name = "project_id", nullable = false)
    private UUID projectId;

    @Column(name = "environment_id", nullable = false)
    private UUID environmentId;

    @Column(nullable = false)
    private String engine;

    @Column(nullable = false)
    private String provider;

    @Column(name = "database_name", nullable = false)
    private String databaseName;

    @Column(name = "role_name", nullable = false)
    private String roleName;

    @Column(name = "variable_key", nullable = false)
    private String variableKey;

    @Column(nullable = false)
    private String status;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ProvisionedDatabase() {
    }

    ProvisionedDatabase(UUID organizationId, UUID projectId, UUID environmentId, String name, String variableKey,
            UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.projectId = projectId;
        this.environmentId = environmentId;
        this.engine = "postgresql";
        this.provider = "local";
        this.databaseName = name;
        this.roleName = name;
        this.variableKey = variableKey;
        this.status = PROVISIONING;
        this.createdBy = createdBy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID organizationId() {
        return organizationId;
    }

    UUID projectId() {
        return projectId;
    }

    UUID environmentId() {
        return environmentId;
    }

    String engine() {
        return engine;
    }

    String provider() {
        return provider;
    }

    String databaseName() {
        return databaseName;
    }

    String roleName() {
        return roleName;
    }

    String variableKey() {
        return variableKey;
    }

    String status() {
        return status;
    }

    String failureReason() {
        return failureReason;
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

    void available(Instant now) {
        status = AVAILABLE;
        failureReason = null;
        updatedAt = now;
    }

    void failed(String reason, Instant now) {
        status = FAILED;
        failureReason = reason;
        updatedAt = now;
    }
}
