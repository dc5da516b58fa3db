-- Per-project notification channels (generic signed webhook, Slack, Discord, email) and their delivery log.

CREATE TABLE notification_channels (
    id               UUID PRIMARY KEY,
    organization_id  UUID         NOT NULL,
    project_id       UUID         NOT NULL,
    name             VARCHAR(100) NOT NULL,
    type             VARCHAR(16)  NOT NULL CHECK (type IN ('webhook', 'slack', 'discord', 'email')),
    -- webhook/slack/discord: the URL encrypted (TokenVault; incoming-webhook URLs are credentials) and how it is shown
    url_ciphertext   TEXT,
    url_masked       VARCHAR(2048),
    -- webhook: the signing secret, encrypted
    signing_secret   TEXT,
    -- email
    recipients       TEXT[]       NOT NULL DEFAULT '{}',
    events           TEXT[]       NOT NULL,
    -- empty: every environment
    environments     TEXT[]       NOT NULL DEFAULT '{}',
    enabled          BOOLEAN      NOT NULL,
    created_by       UUID         NOT NULL,
    created_at       TIMESTAMPTZ  NOT NULL,
    updated_at       TIMESTAMPTZ  NOT NULL
);

CREATE INDEX notification_channels_project ON notification_channels (project_id);

-- One notification to one channel, written in the transaction that consumed its event; sent by the scheduled sender.
CREATE TABLE notification_deliveries (
    id               UUID PRIMARY KEY,
    channel_id       UUID         NOT NULL REFERENCES notification_channels (id) ON DELETE CASCADE,
    event            VARCHAR(64)  NOT NULL,
    -- the event it notifies of (null for a test notification)
    source_event_id  UUID,
    deployment_id    UUID,
    payload          TEXT         NOT NULL,
    state            VARCHAR(16)  NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts         INT          NOT NULL DEFAULT 0,
    last_status_code INT,
    last_error       VARCHAR(500),
    next_attempt_at  TIMESTAMPTZ  NOT NULL,
    delivered_at     TIMESTAMPTZ,
    created_at       TIMESTAMPTZ  NOT NULL,
    UNIQUE (channel_id, source_event_id, event)
);

CREATE INDEX notification_deliveries_due ON notification_deliveries (next_attempt_at) WHERE state = 'pending';
CREATE INDEX notification_deliveries_channel ON notification_deliveries (channel_id, created_at DESC);

-- Every attempt of a delivery, as it went.
CREATE TABLE notification_delivery_attempts (
    delivery_id      UUID         NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
    attempt          INT          NOT NULL,
    attempted_at     TIMESTAMPTZ  NOT NULL,
    status_code      INT,
    error            VARCHAR(500),
    PRIMARY KEY (delivery_id, attempt)
);
