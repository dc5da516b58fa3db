-- deployer-service: projects, their environments and variables, deployments with their steps, provisioned
-- databases, and CI/CD providers (seed 001's projects/deployments/environment_variables, seed 000's
-- action/parent_id, seed 002's cicd_providers/cicd_jobs/deployment_cicd_mappings), adapted to our services:
-- organizations, users and repositories live in other services, so they are referenced by id only.

-- The latest completed analysis of each repository, projected from autodeploy.analysis.results. A project
-- may only be created from a repository analyzed in the same organization.
CREATE TABLE repository_analyses (
    repository_id   UUID         PRIMARY KEY,
    organization_id UUID         NOT NULL,
    analysis_id     UUID         NOT NULL,
    repository_url  TEXT         NOT NULL,
    branch          VARCHAR(255),
    commit_sha      VARCHAR(64)  NOT NULL,
    root_directory  TEXT         NOT NULL DEFAULT '',
    framework       VARCHAR(100),
    -- installCommand, buildCommand, startCommand, devCommand, outputDirectory, runtime, runtimeVersion
    build_config    JSONB        NOT NULL DEFAULT '{}',
    analyzed_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_repository_analyses_organization ON repository_analyses (organization_id);

CREATE TABLE projects (
    id                  UUID         PRIMARY KEY,
    organization_id     UUID         NOT NULL,
    name                VARCHAR(100) NOT NULL,
    slug                VARCHAR(63)  NOT NULL,
    description         TEXT,
    repository_id       UUID         NOT NULL,
    repository_url      TEXT         NOT NULL,
    production_branch   VARCHAR(255) NOT NULL,
    root_directory      TEXT         NOT NULL DEFAULT '',
    framework           VARCHAR(100),
    -- as the latest analysis detected it (refreshed by every new analysis of the repository)
    detected_build      JSONB        NOT NULL DEFAULT '{}',
    -- what the user set; a key here wins over the detected one, a JSON null removes it
    build_overrides     JSONB        NOT NULL DEFAULT '{}',
    status              VARCHAR(20)  NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
    created_by          UUID         NOT NULL,
    created_at          TIMESTAMPTZ  NOT NULL,
    updated_at          TIMESTAMPTZ  NOT NULL,
    version             BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT projects_slug_per_organization UNIQUE (organization_id, slug)
);
CREATE INDEX idx_projects_organization ON projects (organization_id, name);
CREATE INDEX idx_projects_repository ON projects (repository_id);
CREATE INDEX idx_projects_search ON projects USING gin (to_tsvector('english', name || ' ' || coalesce(description, '')));

-- production, preview or custom; each deploys to one target with its own settings.
CREATE TABLE environments (
    id          UUID         PRIMARY KEY,
    project_id  UUID         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name        VARCHAR(63)  NOT NULL,
    kind        VARCHAR(20)  NOT NULL CHECK (kind IN ('production', 'preview', 'custom')),
    -- branch deployed by default (production: the project's production branch)
    branch      VARCHAR(255),
    target      VARCHAR(40)  NOT NULL DEFAULT 'local',
    -- target-specific settings (health check path, port, replicas, image, provider id, ...)
    settings    JSONB        NOT NULL DEFAULT '{}',
    auto_deploy BOOLEAN      NOT NULL DEFAULT true,
    -- bumped by every change to the environment's variables: a deployment records the version it ran with
    variables_version BIGINT NOT NULL DEFAULT 0,
    created_at  TIMESTAMPTZ  NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    version     BIGINT       NOT NULL DEFAULT 0,
    CONSTRAINT environments_name_per_project UNIQUE (project_id, name)
);

-- A plain value is stored as is; a secret only as TokenVault ciphertext bound to its environment and key.
CREATE TABLE environment_variables (
    id              UUID         PRIMARY KEY,
    environment_id  UUID         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    key             VARCHAR(255) NOT NULL,
    value           TEXT,
    encrypted_value TEXT,
    is_secret       BOOLEAN      NOT NULL DEFAULT false,
    created_by      UUID         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT environment_variables_key_per_environment UNIQUE (environment_id, key),
    CONSTRAINT environment_variables_secret_encrypted CHECK (
        (is_secret AND encrypted_value IS NOT NULL AND value IS NULL)
        OR (NOT is_secret AND value IS NOT NULL AND encrypted_value IS NULL))
);

-- Immutable history: retry and rollback create new rows linked by parent_id.
CREATE TABLE deployments (
    id                UUID         PRIMARY KEY,
    organization_id   UUID         NOT NULL,
    project_id        UUID         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    environment_id    UUID         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    -- the environment's name when the deployment was made
    environment       VARCHAR(63)  NOT NULL,
    action            VARCHAR(20)  NOT NULL CHECK (action IN ('deploy', 'retry', 'rollback', 'redeploy')),
    parent_id         UUID         REFERENCES deployments (id) ON DELETE SET NULL,
    status            VARCHAR(20)  NOT NULL CHECK (status IN ('queued', 'building', 'deploying', 'ready', 'error', 'cancelled')),
    status_reason     TEXT,
    target            VARCHAR(40)  NOT NULL,
    repository_url    TEXT         NOT NULL,
    branch            VARCHAR(255),
    commit_sha        VARCHAR(64),
    commit_message    TEXT,
    commit_time       TIMESTAMPTZ,
    root_directory    TEXT         NOT NULL DEFAULT '',
    -- the effective build configuration, frozen when the deployment was created
    build_config      JSONB        NOT NULL DEFAULT '{}',
    variables_version BIGINT       NOT NULL DEFAULT 0,
    url               TEXT,
    metadata          JSONB        NOT NULL DEFAULT '{}',
    cancel_requested  BOOLEAN      NOT NULL DEFAULT false,
    -- work attempts so far (a crashed worker's attempt counts)
    attempts          INT          NOT NULL DEFAULT 0,
    -- the worker running it and until when its claim holds; an expired claim means the worker died
    claimed_by        VARCHAR(100),
    claimed_until     TIMESTAMPTZ,
    triggered_by      UUID,
    created_at        TIMESTAMPTZ  NOT NULL,
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL,
    version           BIGINT       NOT NULL DEFAULT 0
);
CREATE INDEX idx_deployments_project ON deployments (project_id, created_at DESC);
CREATE INDEX idx_deployments_environment ON deployments (environment_id, created_at DESC);
CREATE INDEX idx_deployments_organization ON deployments (organization_id, created_at DESC);
CREATE INDEX idx_deployments_project_status ON deployments (project_id, status);
CREATE INDEX idx_deployments_in_flight ON deployments (status, claimed_until)
    WHERE status IN ('queued', 'building', 'deploying');
CREATE INDEX idx_deployments_parent ON deployments (parent_id);

CREATE TABLE deployment_steps (
    deployment_id UUID         NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    name          VARCHAR(40)  NOT NULL CHECK (name IN ('analyze_repository', 'provision_database', 'build_application', 'deploy_to_provider')),
    position      SMALLINT     NOT NULL,
    status        VARCHAR(20)  NOT NULL CHECK (status IN ('pending', 'running', 'completed', 'failed', 'skipped', 'cancelled')),
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    error         TEXT,
    -- what a completed step produced that a later step (or a resumed run) needs: release id, URL, ...
    output        JSONB        NOT NULL DEFAULT '{}',
    PRIMARY KEY (deployment_id, name)
);
-- durations of completed steps per project, for estimatedDuration
CREATE INDEX idx_deployment_steps_completed ON deployment_steps (name, finished_at DESC) WHERE status = 'completed';

-- Databases provisioned for a project's environment (local target: a database and role on the platform's Postgres).
CREATE TABLE databases (
    id              UUID         PRIMARY KEY,
    organization_id UUID         NOT NULL,
    project_id      UUID         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    environment_id  UUID         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    engine          VARCHAR(20)  NOT NULL DEFAULT 'postgresql' CHECK (engine IN ('postgresql')),
    provider        VARCHAR(40)  NOT NULL DEFAULT 'local',
    database_name   VARCHAR(63)  NOT NULL UNIQUE,
    role_name       VARCHAR(63)  NOT NULL UNIQUE,
    -- the variable the connection string is injected as (a secret environment variable)
    variable_key    VARCHAR(255) NOT NULL DEFAULT 'DATABASE_URL',
    status          VARCHAR(20)  NOT NULL CHECK (status IN ('provisioning', 'available', 'deleting', 'failed')),
    failure_reason  TEXT,
    created_by      UUID         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    CONSTRAINT databases_one_per_environment UNIQUE (environment_id, engine)
);

-- Seed 002: CI/CD systems an organization registered (credentials only as TokenVault ciphertext).
CREATE TABLE cicd_providers (
    id                    UUID         PRIMARY KEY,
    organization_id       UUID         NOT NULL,
    type                  VARCHAR(40)  NOT NULL CHECK (type IN ('jenkins', 'github-actions', 'gitlab-ci', 'kubernetes')),
    name                  VARCHAR(100) NOT NULL,
    base_url              TEXT,
    username              VARCHAR(255),
    encrypted_credentials TEXT,
    settings              JSONB        NOT NULL DEFAULT '{}',
    status                VARCHAR(20)  NOT NULL DEFAULT 'unverified' CHECK (status IN ('unverified', 'connected', 'failing')),
    last_checked_at       TIMESTAMPTZ,
    created_by            UUID         NOT NULL,
    created_at            TIMESTAMPTZ  NOT NULL,
    updated_at            TIMESTAMPTZ  NOT NULL,
    CONSTRAINT cicd_providers_name_per_organization UNIQUE (organization_id, name)
);

-- A job (pipeline, workflow) a provider holds for one project environment.
CREATE TABLE cicd_jobs (
    id             UUID         PRIMARY KEY,
    provider_id    UUID         NOT NULL REFERENCES cicd_providers (id) ON DELETE CASCADE,
    project_id     UUID         NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    environment_id UUID         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    external_name  TEXT         NOT NULL,
    external_url   TEXT,
    configuration  JSONB        NOT NULL DEFAULT '{}',
    created_at     TIMESTAMPTZ  NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL,
    CONSTRAINT cicd_jobs_one_per_environment UNIQUE (provider_id, environment_id)
);

-- Which external run (build number, workflow run id, pipeline id) carried out a deployment.
CREATE TABLE deployment_cicd_mappings (
    deployment_id   UUID         PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    job_id          UUID         NOT NULL REFERENCES cicd_jobs (id) ON DELETE CASCADE,
    external_id     VARCHAR(255),
    external_url    TEXT,
    external_status VARCHAR(40),
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
