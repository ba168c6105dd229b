-- Every accepted OpenPhone webhook, once per event id: deduplication, audit and replay.
CREATE TABLE webhook_events (
    id          BIGSERIAL PRIMARY KEY,
    event_id    VARCHAR(100) NOT NULL UNIQUE,
    type        VARCHAR(64)  NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    payload     JSONB        NOT NULL
);

CREATE INDEX idx_webhook_events_received ON webhook_events (received_at);
