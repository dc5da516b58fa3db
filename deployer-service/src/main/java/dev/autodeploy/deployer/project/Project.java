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
 * A deployable app of an organization: one repository (as the analyzer registered it), the directory of the app
 * in it, the branch production follows, and its build configuration — detected by the latest analysis of the
 * repository, with the user's overrides on top (both kept as JSON objects of {@code BuildSettings} keys).
 */
@Entity
@Table(name = "projects")
class Project {

    static final String ACTIVE = "active";

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String slug;

    private String description;

    @Column(name = "repository_id", nullable = false)
    private UUID repositoryId;

    @Column(name = "repository_url", nullable = false)
    private String repositoryUrl;

    @Column(name = "production_branch", nullable = false)
    private String productionBranch;

    @Column(name = "root_directory", nullable = false)
    private String rootDirectory;

    private String framework;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "detected_build", nullable = false)
    private String detectedBuild;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "build_overrides", nullable = false)
    private String buildOverrides;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Project() {
    }

    Project(UUID organizationId, String name, String slug, String description, UUID repositoryId, String repositoryUrl,
            String productionBranch, String rootDirectory, String framework, String detectedBuild,
            String buildOverrides, UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.name = name;
        this.slug = slug;
        this.description = description;
        this.repositoryId = repositoryId;
        this.repositoryUrl = repositoryUrl;
        this.productionBranch = productionBranch;
        this.rootDirectory = rootDirectory;
        this.framework = framework;
        this.detectedBuild = detectedBuild;
        this.buildOverrides = buildOverrides;
        this.status = ACTIVE;
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

    String name() {
        return name;
    }

    String slug() {
        return slug;
    }

    String description() {
        return description;
    }

    UUID repositoryId() {
        return repositoryId;
    }

    String repositoryUrl() {
        return repositoryUrl;
    }

    String productionBranch() {
        return productionBranch;
    }

    String rootDirectory() {
        return rootDirectory;
    }

    String framework() {
        return framework;
    }

    String detectedBuild() {
        return detectedBuild;
    }

    String buildOverrides() {
        return buildOverrides;
    }

    String status() {
        return status;
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

    void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now;
    }

    void describe(String description, Instant now) {
        this.description = description;
        this.updatedAt = now;
    }

    void followBranch(String branch, Instant now) {
        this.productionBranch = branch;
        this.updatedAt = now;
    }

    void moveRoot(String rootDirectory, Instant now) {
        this.rootDirectory = rootDirectory;
        this.updatedAt = now;
    }

    void overrideBuild(String overrides, Instant now) {
        this.buildOverrides = overrides;
        this.updatedAt = now;
    }
}
