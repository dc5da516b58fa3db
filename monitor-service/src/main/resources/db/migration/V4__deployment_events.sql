-- Every status and step change of a deployment the deployer published, once each (by event id), kept as they came:
-- the deployment's history. The deployments and deployment_steps tables are the latest state computed from it.
CREATE TABLE deployment_events (
    event_id        UUID         PRIMARY KEY,
    deployment_id   UUID         NOT NULL,
    organization_id UUID         NOT NULL,
    occurred_at     TIMESTAMPTZ  NOT NULL,
    step            VARCHAR(40),
    previous_status VARCHAR(20),
    status          VARCHAR(20)  NOT NULL,
    reason          TEXT,
    received_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_deployment_events_deployment ON deployment_events (deployment_id, occurred_at);
