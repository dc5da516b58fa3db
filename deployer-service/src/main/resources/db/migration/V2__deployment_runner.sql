-- What the deployment runner needs beside V1's records: which deployment an environment serves, the
-- bookkeeping of claims, retries and wake-ups, log numbering, CI callbacks, and step estimates.

-- The deployment whose release the environment serves now (the last one that became ready there, or a
-- rollback's); a failed deployment never takes this place.
ALTER TABLE environments ADD COLUMN current_deployment_id UUID REFERENCES deployments (id) ON DELETE SET NULL;

ALTER TABLE deployments
    -- number of the last log line published for the deployment (a resumed run continues after it)
    ADD COLUMN log_sequence       BIGINT      NOT NULL DEFAULT 0,
    -- TokenVault ciphertext of the token a CI system presents on PATCH /deployments/{id}/status
    ADD COLUMN callback_token     TEXT,
    -- the target runs it elsewhere and reports by callback: no worker holds a claim meanwhile
    ADD COLUMN awaiting_callback  BOOLEAN     NOT NULL DEFAULT false,
    -- asked for a database to be provisioned if the environment has none
    ADD COLUMN provision_database BOOLEAN     NOT NULL DEFAULT false,
    -- why the last attempt failed, kept while the deployment waits to be tried again
    ADD COLUMN last_error         TEXT,
    -- when the sweeper last queued a wake-up for it (not more often than its grace period)
    ADD COLUMN woken_at           TIMESTAMPTZ,
    ADD COLUMN cancelled_by       UUID;

-- the drain loop: an environment's waiting and in-flight deployments, oldest first
CREATE INDEX idx_deployments_environment_status ON deployments (environment_id, status, created_at);

ALTER TABLE deployment_steps
    -- what this project's history says the step takes, when the deployment was created
    ADD COLUMN estimated_seconds INT,
    ADD COLUMN attempts          INT NOT NULL DEFAULT 0;
