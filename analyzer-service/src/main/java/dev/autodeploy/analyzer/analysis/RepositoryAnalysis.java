package dev.autodeploy.analyzer.analysis;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One analysis of one commit of a repository: queued, running, then completed (with the engine's
 * result) or failed (with a reason free of credentials). JSON parts are stored as the engine wrote them.
 */
@Entity
@Table(name = "repository_analyses")
class RepositoryAnalysis {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";

    @Id
    private UUID id;

    @Column(name = "repository_id", nullable = false)
    private UUID repositoryId;

    private String branch;

    @Column(name = "commit_sha", nullable = false)
    private String commitSha;

    @Column(nullable = false)
    private String status;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "engine_version", nullable = false)
    private String engineVersion;

    @Column(name = "requested_by", nullable = false)
    private UUID requestedBy;

    @Column(name = "framework_id")
    private String frameworkId;

    @Column(name = "framework_name")
    private String frameworkName;

    @Column(name = "framework_version")
    private String frameworkVersion;

    @Column(name = "framework_kind")
    private String frameworkKind;

    @Column(name = "confidence_score", precision = 3, scale = 2)
    private BigDecimal confidenceScore;

    private String language;

    @Column(name = "package_manager")
    private String packageManager;

    private Boolean monorepo;

    @Column(name = "root_directory")
    private String rootDirectory;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "build_config")
    private String buildConfig;

    @JdbcTypeCode(SqlTypes.JSON)
    private String dependencies;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "environment_variables")
    private String environmentVariables;

    @JdbcTypeCode(SqlTypes.JSON)
    private String recommendations;

    @JdbcTypeCode(SqlTypes.JSON)
    private String apps;

    @JdbcTypeCode(SqlTypes.JSON)
    private String evidence;

    @JdbcTypeCode(SqlTypes.JSON)
    private String warnings;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    protected RepositoryAnalysis() {
    }

    RepositoryAnalysis(UUID repositoryId, String branch, String commitSha, String engineVersion, UUID requestedBy,
            Instant now) {
        this.id = UUID.randomUUID();
        this.repositoryId = repositoryId;
        this.branch = branch;
        this.commitSha = commitSha;
        this.engineVersion = engineVersion;
        this.requestedBy = requestedBy;
        this.status = QUEUED;
        this.createdAt = now;
    }

    /** The engine's result, already rendered as JSON where the table keeps JSON. */
    record Result(String frameworkId, String frameworkName, String frameworkVersion, String frameworkKind,
            BigDecimal confidence, String language, String packageManager, boolean monorepo, String rootDirectory,
            String buildConfig,
            String dependencies, String environmentVariables, String recommendations, String apps, String evidence,
            String warnings) {
    }

    void complete(Result result, Instant now) {
        this.frameworkId = result.frameworkId();
        this.frameworkName = result.frameworkName();
        this.frameworkVersion = result.frameworkVersion();
        this.frameworkKind = result.frameworkKind();
        this.confidenceScore = result.confidence();
        this.language = result.language();
        this.packageManager = result.packageManager();
        this.monorepo = result.monorepo();
        this.rootDirectory = result.rootDirectory();
        this.buildConfig = result.buildConfig();
        this.dependencies = result.dependencies();
        this.environmentVariables = result.environmentVariables();
        this.recommendations = result.recommendations();
        this.apps = result.apps();
        this.evidence = result.evidence();
        this.warnings = result.warnings();
        this.status = COMPLETED;
        this.completedAt = now;
    }

    void fail(String reason, Instant now) {
        this.status = FAILED;
        this.failureReason = reason;
        this.completedAt = now;
    }

    UUID id() {
        return id;
    }

    UUID repositoryId() {
        return repositoryId;
    }

    String branch() {
        return branch;
    }

    String commitSha() {
        return commitSha;
    }

    String status() {
        return status;
    }

    String failureReason() {
        return failureReason;
    }

    String engineVersion() {
        return engineVersion;
    }

    UUID requestedBy() {
        return requestedBy;
    }

    String frameworkId() {
        return frameworkId;
    }

    String frameworkName() {
        return frameworkName;
    }

    String frameworkVersion() {
        return frameworkVersion;
    }

    String frameworkKind() {
        return frameworkKind;
    }

    BigDecimal confidenceScore() {
        return confidenceScore;
    }

    String language() {
        return language;
    }

    String packageManager() {
        return packageManager;
    }

    Boolean monorepo() {
        return monorepo;
    }

    String rootDirectory() {
        return rootDirectory;
    }

    String buildConfig() {
        return buildConfig;
    }

    String dependencies() {
        return dependencies;
    }

    String environmentVariables() {
        return environmentVariables;
    }

    String recommendations() {
        return recommendations;
    }

    String apps() {
        return apps;
    }

    String evidence() {
        return evidence;
    }

    String warnings() {
        return warnings;
    }

    Instant createdAt() {
        return createdAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant completedAt() {
        return completedAt;
    }
}
