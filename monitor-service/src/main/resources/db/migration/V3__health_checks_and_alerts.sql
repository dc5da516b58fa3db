-- monitor-service: health checks of each environment's live deployment, alert rules, alerts and their webhook
-- deliveries.

-- One row per deployment that has been live (ready, with a URL). Only the live one of an environment is active;
-- next_check_at doubles as the lease of a check round: a replica claims due rows with FOR UPDATE SKIP LOCKED and
-- moves next_check_at forward before it probes, so no other replica probes the same app in that round.
CREATE TABLE health_checks (
    deployment_id        UUID         PRIMARY KEY REFERENCES deployments (id) ON DELETE CASCADE,
    organization_id      UUID         NOT NULL,
    project_id           UUID         NOT NULL,
    environment_id       UUID,
    environment          VARCHAR(63)  NOT NULL,
    url                  TEXT         NOT NULL,
    -- when the deployment became ready: the newest one of an environment is its live deployment
    live_since           TIMESTAMPTZ  NOT NULL,
    active               BOOLEAN      NOT NULL,
    -- superseded, cancelled, error: why probing stopped
    stopped_reason       VARCHAR(20),
    state                VARCHAR(20)  NOT NULL,
    consecutive_failures INT          NOT NULL,
    state_changed_at     TIMESTAMPTZ  NOT NULL,
    unhealthy_since      TIMESTAMPTZ,
    last_checked_at      TIMESTAMPTZ,
    last_status_code     INT,
    last_error           TEXT,
    next_check_at        TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_health_checks_due ON health_checks (next_check_at) WHERE active;
CREATE INDEX idx_health_checks_environment ON health_checks (project_id, environment, live_since);

-- Probe results, the last N per deployment (autodeploy.monitor.health.keep-results).
CREATE TABLE health_check_results (
    id            BIGSERIAL    PRIMARY KEY,
    deployment_id UUID         NOT NULL REFERENCES health_checks (deployment_id) ON DELETE CASCADE,
    checked_at    TIMESTAMPTZ  NOT NULL,
    healthy       BOOLEAN      NOT NULL,
    status_code   INT,
    latency_ms    INT          NOT NULL,
    error         TEXT
);
CREATE INDEX idx_health_check_results_deployment ON health_check_results (deployment_id, id DESC);

-- What should raise an alert in a project, and where to say so. webhook_secret is a TokenVault ciphertext.
CREATE TABLE alert_rules (
    id              UUID         PRIMARY KEY,
    organization_id UUID         NOT NULL,
    project_id      UUID         NOT NULL,
    -- null: every environment of the project
    environment     VARCHAR(63),
    type            VARCHAR(30)  NOT NULL,
    minutes         INT,
    threshold       INT,
    window_seconds  BIGINT,
    webhook_url     TEXT         NOT NULL,
    webhook_secret  TEXT,
    webhook_format  VARCHAR(10)  NOT NULL,
    enabled         BOOLEAN      NOT NULL,
    created_by      UUID         NOT NULL,
    created_at      TIMESTAMPTZ  NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL
);
CREATE INDEX idx_alert_rules_project ON alert_rules (project_id, type);
CREATE INDEX idx_alert_rules_organization ON alert_rules (organization_id);

-- Alerts stay as history after their rule is deleted (no foreign key to alert_rules).
CREATE TABLE alerts (
    id               UUID         PRIMARY KEY,
    rule_id          UUID         NOT NULL,
    organization_id  UUID         NOT NULL,
    project_id       UUID         NOT NULL,
    environment      VARCHAR(63)  NOT NULL,
    deployment_id    UUID,
    type             VARCHAR(30)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    summary          TEXT         NOT NULL,
    opened_at        TIMESTAMPTZ  NOT NULL,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  UUID,
    resolved_at      TIMESTAMPTZ,
    -- null with resolved_at set: resolved automatically (the app is healthy again)
    resolved_by      UUID
);
-- one alert open (or acknowledged) per rule and environment: firing again while it is open adds nothing
CREATE UNIQUE INDEX uq_alerts_open ON alerts (rule_id, environment) WHERE status <> 'resolved';
CREATE INDEX idx_alerts_organization ON alerts (organization_id, project_id, status, opened_at DESC);

-- Webhook notifications of alerts, sent by a scheduled sender (claimed with FOR UPDATE SKIP LOCKED) and retried
-- with back-off until delivered or out of attempts. The body is fixed when the delivery is made (it is what is
-- signed); the webhook is a copy of the rule's at that moment, so deleting the rule loses no notification.
CREATE TABLE alert_deliveries (
    id               UUID         PRIMARY KEY,
    alert_id         UUID         NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    rule_id          UUID         NOT NULL,
    event            VARCHAR(20)  NOT NULL,
    webhook_url      TEXT         NOT NULL,
    webhook_secret   TEXT,
    body             TEXT         NOT NULL,
    state            VARCHAR(20)  NOT NULL,
    attempts         INT          NOT NULL,
    last_status_code INT,
    last_error       TEXT,
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    delivered_at     TIMESTAMPTZ
);
CREATE INDEX idx_alert_deliveries_due ON alert_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX idx_alert_deliveries_alert ON alert_deliveries (alert_id);
