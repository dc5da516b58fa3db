-- monitor-service: what the deployer says about deployments (a projection of autodeploy.deployment.events) and
-- their log lines (autodeploy.deployment.logs). Organizations and projects live elsewhere: referenced by id only.

-- Each deployment as its latest status event described it. An older event never overwrites a newer one.
CREATE TABLE deployments (
    id                UUID         PRIMARY KEY,
    organization_id   UUID         NOT NULL,
    project_id        UUID         NOT NULL,
    environment_id    UUID,
    environment       VARCHAR(63),
    action            VARCHAR(20),
    parent_id         UUID,
    status            VARCHAR(20)  NOT NULL,
    status_reason     TEXT,
    target            VARCHAR(40),
    url               TEXT,
    commit_sha        VARCHAR(64),
    commit_time       TIMESTAMPTZ,
    created_at        TIMESTAMPTZ,
    -- the first building/deploying event, and the ready/error/cancelled one
    started_at        TIMESTAMPTZ,
    finished_at       TIMESTAMPTZ,
    -- occurredAt of the status event applied last
    status_changed_at TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_deployments_organization ON deployments (organization_id);
CREATE INDEX idx_deployments_project_environment ON deployments (project_id, environment, finished_at);
CREATE INDEX idx_deployments_environment_status ON deployments (environment_id, status, finished_at);

-- Each step of a deployment as its latest step event described it.
CREATE TABLE deployment_steps (
    deployment_id UUID        NOT NULL REFERENCES deployments (id) ON DELETE CASCADE,
    name          VARCHAR(40) NOT NULL,
    status        VARCHAR(20) NOT NULL,
    started_at    TIMESTAMPTZ,
    finished_at   TIMESTAMPTZ,
    changed_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deployment_id, name)
);

-- Append-only: one row per line, numbered per deployment by the deployer (a redelivered line is the same row).
CREATE TABLE deployment_logs (
    deployment_id   UUID         NOT NULL,
    sequence        BIGINT       NOT NULL,
    event_id        UUID         NOT NULL,
    organization_id UUID         NOT NULL,
    logged_at       TIMESTAMPTZ  NOT NULL,
    level           VARCHAR(10)  NOT NULL,
    source          VARCHAR(20)  NOT NULL,
    step            VARCHAR(40),
    message         TEXT         NOT NULL,
    ingested_at     TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (deployment_id, sequence)
);
-- retention deletes by age
CREATE INDEX idx_deployment_logs_logged_at ON deployment_logs (logged_at);
