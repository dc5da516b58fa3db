-- Repositories an organization registered (any Git URL, or imported from GitHub), and the analyses
-- of their commits. Seed 001's tables, adapted: a repository belongs to one organization (the same
-- URL may be registered by several), analyses are asynchronous jobs with a status, and the engine's
-- full result (apps, evidence, warnings) is kept with the engine version that produced it.
CREATE TABLE repositories (
    id              UUID         PRIMARY KEY,
    organization_id UUID         NOT NULL,
    provider        VARCHAR(20)  NOT NULL CHECK (provider IN ('github', 'git')),
    github_id       BIGINT,
    full_name       VARCHAR(255) NOT NULL,
    -- never with credentials: those are refused on registration
    url             TEXT         NOT NULL,
    default_branch  VARCHAR(255) NOT NULL DEFAULT 'main',
    private         BOOLEAN      NOT NULL DEFAULT false,
    language        VARCHAR(100),
    created_by      UUID         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT repositories_url_per_organization UNIQUE (organization_id, url)
);
CREATE INDEX idx_repositories_organization ON repositories (organization_id, full_name);
CREATE INDEX idx_repositories_search ON repositories USING gin (to_tsvector('english', full_name));

CREATE TABLE repository_analyses (
    id                    UUID         PRIMARY KEY,
    repository_id         UUID         NOT NULL REFERENCES repositories (id) ON DELETE CASCADE,
    -- null when a commit was asked for without a branch
    branch                VARCHAR(255),
    commit_sha            VARCHAR(64)  NOT NULL,
    status                VARCHAR(20)  NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed')),
    failure_reason        TEXT,
    engine_version        VARCHAR(100) NOT NULL,
    requested_by          UUID         NOT NULL,
    framework_id          VARCHAR(100),
    framework_name        VARCHAR(100),
    framework_version     VARCHAR(50),
    framework_kind        VARCHAR(20),
    confidence_score      DECIMAL(3, 2),
    language              VARCHAR(100),
    package_manager       VARCHAR(50),
    monorepo              BOOLEAN,
    -- the primary app's directory in the repository ("" for the root): its commands run there
    root_directory        TEXT,
    build_config          JSONB,
    dependencies          JSONB,
    environment_variables JSONB,
    recommendations       JSONB,
    apps                  JSONB,
    evidence              JSONB,
    warnings              JSONB,
    created_at            TIMESTAMPTZ  NOT NULL,
    started_at            TIMESTAMPTZ,
    completed_at          TIMESTAMPTZ
);
-- history of a repository, newest first
CREATE INDEX idx_repository_analyses_history ON repository_analyses (repository_id, created_at DESC);
-- the latest completed analysis of a repository
CREATE INDEX idx_repository_analyses_latest ON repository_analyses (repository_id, completed_at DESC)
    WHERE status = 'completed';
-- a completed analysis of this commit by this engine version (the cache's fallback)
CREATE INDEX idx_repository_analyses_commit ON repository_analyses (repository_id, commit_sha, engine_version)
    WHERE status = 'completed';
-- the sweep of analyses that never finished
CREATE INDEX idx_repository_analyses_unfinished ON repository_analyses (status, created_at)
    WHERE status IN ('queued', 'running');
