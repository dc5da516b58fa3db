package dev.autodeploy.deployer.project;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One place a project deploys to — production, a preview, or a custom one — with its deploy target and that
 * target's settings (a JSON object of strings). What it serves ({@code current_deployment_id}) and the version
 * of its variables are written by SQL only (deployments and variable changes), so they are read-only here.
 */
@Entity
@Table(name = "environments")
class Environment {

    static final String PRODUCTION = "production";

    @Id
    private UUID id;

    @Column(name = "project_id", nullable = false)
    private UUID projectId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String kind;

    private String branch;

    @Column(nullable = false)
    private String target;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    private String settings;

    @Column(name = "auto_deploy", nullable = false)
    private boolean autoDeploy;

    @Column(name = "variables_version", insertable = false, updatable = false)
    private long variablesVersion;

    @Column(name = "current_deployment_id", insertable = false, updatable = false)
    private UUID currentDeploymentId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Environment() {
    }

    Environment(UUID projectId, String name, String kind, String branch, String target, String settings,
            boolean autoDeploy, Instant now) {
        this.id = UUID.randomUUID();
        this.projectId = projectId;
        this.name = name;
        this.kind = kind;
        this.branch = branch;
        this.target = target;
        this.settings = settings;
        this.autoDeploy = autoDeploy;
        this.createdAt = now;
        this.updatedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID projectId() {
        return projectId;
    }

    String name() {
        return name;
    }

    String kind() {
        return kind;
    }

    String branch() {
        return branch;
    }

    String target() {
        return target;
    }

    String settings() {
        return settings;
    }

    boolean autoDeploy() {
        return autoDeploy;
    }

    long variablesVersion() {
        return variablesVersion;
    }

    UUID currentDeploymentId() {
        return currentDeploymentId;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant updatedAt() {
        return updatedAt;
    }

    void follow(String branch, Instant now) {
        this.branch = branch;
        this.updatedAt = now;
    }

    void retarget(String target, String settings, Instant now) {
        this.target = target;
        this.settings = settings;
        this.updatedAt = now;
    }

    void autoDeploy(boolean autoDeploy, Instant now) {
        this.autoDeploy = autoDeploy;
        this.updatedAt = now;
    }
}
