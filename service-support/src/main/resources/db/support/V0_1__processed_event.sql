-- Events a consumer of this service has handled, so a redelivered event is dropped (ProcessedEvents).
-- Shared by every service and applied before the service's own db/migration scripts.
CREATE TABLE processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     UUID         NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
