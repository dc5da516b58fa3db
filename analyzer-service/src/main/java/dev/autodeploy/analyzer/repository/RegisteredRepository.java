package dev.autodeploy.analyzer.repository;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A Git repository an organization registered; the URL never holds credentials. */
@Entity
@Table(name = "repositories")
class RegisteredRepository {

    @Id
    private UUID id;

    @Column(name = "organization_id", nullable = false)
    private UUID organizationId;

    @Column(nullable = false)
    private String provider;

    @Column(name = "github_id")
    private Long githubId;

    @Column(name = "full_name", nullable = false)
    private String fullName;

    @Column(nullable = false)
    private String url;

    @Column(name = "default_branch", nullable = false)
    private String defaultBranch;

    @Column(name = "private", nullable = false)
    private boolean isPrivate;

    private String language;

    @Column(name = "created_by", nullable = false)
    private UUID createdBy;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected RegisteredRepository() {
    }

    RegisteredRepository(UUID organizationId, String provider, Long githubId, String fullName, String url,
            String defaultBranch, boolean isPrivate, String language, UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.organizationId = organizationId;
        this.provider = provider;
        this.githubId = githubId;
        this.fullName = fullName;
        this.url = url;
        this.defaultBranch = defaultBranch;
        this.isPrivate = isPrivate;
        this.language = language;
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

    /** A Git URL's repository learns its language from its first analysis; GitHub's own value is kept. */
    void analyzed(String detectedLanguage, Instant now) {
        if (language == null && detectedLanguage != null) {
            language = detectedLanguage;
            updatedAt = now;
        }
    }

    RepositorySummary summary() {
        return new RepositorySummary(id, organizationId, provider, fullName, url, defaultBranch, isPrivate);
    }

    RepositoryApi.RepositoryView view() {
        return new RepositoryApi.RepositoryView(id, organizationId, provider, githubId, fullName, url, defaultBranch,
                isPrivate, language, createdBy, createdAt, updatedAt);
    }
}
