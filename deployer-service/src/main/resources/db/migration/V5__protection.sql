-- Deployment protection per environment: which branches may be deployed, who may deploy, approvals a deployment
-- waits for, deploy freezes, and time-limited elevated access.

-- A deployment that needs approval is created awaiting_approval and queued once approved.
ALTER TABLE deployments DROP CONSTRAINT deployments_status_check;
ALTER TABLE deployments ADD CONSTRAINT deployments_status_check CHECK (status IN ('awaiting_approval', 'queued',
    'building', 'deploying', 'ready', 'error', 'cancelled'));
CREATE INDEX idx_deployments_awaiting_approval ON deployments (environment_id, created_at)
    WHERE status = 'awaiting_approval';

-- One row per protected environment; an environment without a row has the defaults (anything goes).
CREATE TABLE environment_protection (
    environment_id               UUID        PRIMARY KEY REFERENCES environments (id) ON DELETE CASCADE,
    organization_id              UUID        NOT NULL,
    -- glob patterns (main, release/*, **); empty: any branch
    allowed_branches             JSONB       NOT NULL DEFAULT '[]',
    deploy_role                  VARCHAR(20) NOT NULL DEFAULT 'developer'
        CHECK (deploy_role IN ('owner', 'admin', 'developer')),
    required_approvals           INT         NOT NULL DEFAULT 0 CHECK (required_approvals BETWEEN 0 AND 10),
    approver_role                VARCHAR(20) NOT NULL DEFAULT 'admin'
        CHECK (approver_role IN ('owner', 'admin', 'developer')),
    approval_timeout_seconds     BIGINT      NOT NULL DEFAULT 86400 CHECK (approval_timeout_seconds > 0),
    -- [{start, end, reason?}] absolute windows
    freeze_windows               JSONB       NOT NULL DEFAULT '[]',
    -- [{days: [MON..SUN], from: "HH:mm", to: "HH:mm", zone, reason?}] weekly windows
    recurring_freeze_windows     JSONB       NOT NULL DEFAULT '[]',
    allow_rollback_during_freeze BOOLEAN     NOT NULL DEFAULT true,
    updated_by                   UUID        NOT NULL,
    updated_at                   TIMESTAMPTZ NOT NULL
);

-- What a deployment awaiting approval needs, fixed when it was created.
CREATE TABLE deployment_approval_requests (
    deployment_id   UUID        PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    organization_id UUID        NOT NULL,
    environment_id  UUID        NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    required        INT         NOT NULL CHECK (required > 0),
    approver_role   VARCHAR(20) NOT NULL,
    -- null: a Git host's trigger asked
    requested_by    UUID,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    outcome         VARCHAR(20) NOT NULL DEFAULT 'pending'
        CHECK (outcome IN ('pending', 'approved', 'rejected', 'expired')),
    decided_at      TIMESTAMPTZ
);
CREATE INDEX idx_approval_requests_pending ON deployment_approval_requests (expires_at) WHERE outcome = 'pending';

CREATE TABLE deployment_approval_votes (
    deployment_id UUID        NOT NULL REFERENCES deployment_approval_requests (deployment_id) ON DELETE CASCADE,
    user_id       UUID        NOT NULL,
    decision      VARCHAR(10) NOT NULL CHECK (decision IN ('approved', 'rejected')),
    comment       TEXT,
    voted_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deployment_id, user_id)
);

-- Deploy rights on one environment for a user whose role is below its deploy role, until expires_at.
CREATE TABLE environment_access_grants (
    id              UUID        PRIMARY KEY,
    organization_id UUID        NOT NULL,
    environment_id  UUID        NOT NULL REFERENCES environments (id) ON DELETE CASCADE,
    user_id         UUID        NOT NULL,
    reason          TEXT        NOT NULL,
    granted_by      UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    revoked_by      UUID
);
CREATE INDEX idx_access_grants_environment ON environment_access_grants (environment_id, user_id, expires_at);
