-- Releases: what a deployment that reached ready ran, immutable once written.

-- What a deployment starts with, captured when it starts: the variables it runs with (or those restored from the
-- release a rollback goes back to), and the migration level of its checkout (which the build then moves away).
-- Values are TokenVault ciphertext bound to the deployment and key; the fingerprint is a keyed HMAC of the value,
-- so two sets compare without decrypting anything.
CREATE TABLE release_variable_sets (
    deployment_id     UUID         PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    variables_version BIGINT       NOT NULL,
    -- the deployment whose set a rollback restored; null when captured from the environment
    restored_from     UUID,
    -- the checkout's migration level when the project declares a migrationsPath and the commit was checked out
    migration_level   VARCHAR(255),
    captured_at       TIMESTAMPTZ  NOT NULL
);

CREATE TABLE release_variables (
    deployment_id   UUID         NOT NULL REFERENCES release_variable_sets (deployment_id) ON DELETE CASCADE,
    key             VARCHAR(255) NOT NULL,
    secret          BOOLEAN      NOT NULL,
    value_encrypted TEXT         NOT NULL,
    fingerprint     VARCHAR(80)  NOT NULL,
    PRIMARY KEY (deployment_id, key)
);

CREATE TABLE releases (
    deployment_id       UUID         PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    organization_id     UUID         NOT NULL,
    project_id          UUID         NOT NULL,
    environment_id      UUID         NOT NULL,
    commit_sha          VARCHAR(64),
    target              VARCHAR(40)  NOT NULL,
    artifact_kind       VARCHAR(40)  NOT NULL,
    artifact_digest     TEXT,
    variables_version   BIGINT       NOT NULL,
    build_configuration JSONB        NOT NULL DEFAULT '{}',
    migration_level     VARCHAR(255),
    created_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_releases_environment ON releases (environment_id, created_at DESC);

-- The HMAC key of variable fingerprints (one, made on first use), TokenVault ciphertext.
CREATE TABLE release_fingerprint_key (
    id            SMALLINT     PRIMARY KEY CHECK (id = 1),
    key_encrypted TEXT         NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL
);

-- History is not edited: no UPDATE ever; a DELETE only as the cascade of its deployment's (project or environment)
-- deletion, when the deployment row is gone already.
CREATE FUNCTION releases_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION '% rows are immutable', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
    END IF;
    IF EXISTS (SELECT 1 FROM deployments WHERE id = OLD.deployment_id) THEN
        RAISE EXCEPTION '% rows are deleted only with their deployment', TG_TABLE_NAME
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN OLD;
END;
$$;

CREATE TRIGGER releases_immutable BEFORE UPDATE OR DELETE ON releases
    FOR EACH ROW EXECUTE FUNCTION releases_immutable();
CREATE TRIGGER release_variable_sets_immutable BEFORE UPDATE OR DELETE ON release_variable_sets
    FOR EACH ROW EXECUTE FUNCTION releases_immutable();
CREATE TRIGGER release_variables_immutable BEFORE UPDATE OR DELETE ON release_variables
    FOR EACH ROW EXECUTE FUNCTION releases_immutable();

-- Commits rolled back from, per environment: pushes and auto-deploys skip them until a user unblocks them.
CREATE TABLE blocked_commits (
    id                         UUID         PRIMARY KEY,
    environment_id             UUID         NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    commit_sha                 VARCHAR(64)  NOT NULL,
    reason                     TEXT         NOT NULL,
    -- the user whose rollback blocked it; null when the platform did (automatic rollback)
    blocked_by                 UUID,
    blocked_from_deployment_id UUID         REFERENCES deployments (id) ON DELETE SET NULL,
    rollback_deployment_id     UUID         REFERENCES deployments (id) ON DELETE SET NULL,
    created_at                 TIMESTAMPTZ  NOT NULL,
    last_skipped_at            TIMESTAMPTZ,
    skipped_count              INT          NOT NULL DEFAULT 0,
    unblocked_at               TIMESTAMPTZ,
    unblocked_by               UUID
);
CREATE UNIQUE INDEX blocked_commits_active ON blocked_commits (environment_id, commit_sha) WHERE unblocked_at IS NULL;
CREATE INDEX idx_blocked_commits_environment ON blocked_commits (environment_id, created_at DESC);
