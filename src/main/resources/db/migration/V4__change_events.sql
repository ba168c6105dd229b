-- What changed, in commit-ish order, for real-time push: replicas learn of rows through
-- NOTIFY clubos_changes '<seq>' and clients that reconnect replay what they missed from here.
CREATE TABLE change_events (
    seq             BIGSERIAL PRIMARY KEY,
    type            VARCHAR(32) NOT NULL,
    conversation_id BIGINT      NOT NULL,
    message_id      BIGINT,
    at              TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_change_events_at ON change_events (at);
