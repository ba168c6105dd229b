-- Outbox: outbound messages in 'queued' are sent by whichever replica claims them first.
ALTER TABLE messages
    ADD COLUMN sent_by_id         VARCHAR(100),
    ADD COLUMN attempts           INTEGER     NOT NULL DEFAULT 0,
    ADD COLUMN next_attempt_at    TIMESTAMPTZ,
    ADD COLUMN sending_started_at TIMESTAMPTZ,
    ADD COLUMN give_up_at         TIMESTAMPTZ,
    -- Set when an earlier attempt may have reached OpenPhone (timeout, crash): look it up before resending.
    ADD COLUMN reconcile          BOOLEAN     NOT NULL DEFAULT FALSE;

CREATE INDEX idx_messages_outbox_due ON messages (next_attempt_at NULLS FIRST, id) WHERE status = 'queued';
CREATE INDEX idx_messages_outbox_sending ON messages (sending_started_at) WHERE status = 'sending';
CREATE INDEX idx_messages_sent_by ON messages (sent_by_id, created_at) WHERE sent_by_id IS NOT NULL;

-- One row per OpenPhone API key: the earliest time the next request may start. Every replica
-- reserves its slot here, so the whole deployment keeps under OpenPhone's rate limit.
CREATE TABLE openphone_rate_limit (
    name      VARCHAR(64) PRIMARY KEY,
    next_slot TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO openphone_rate_limit (name) VALUES ('default');
