-- Lines as club locations: the lines OpenPhone lists, the lines each staff account may use, and the
-- index a per-location conversation list pages on.

CREATE TABLE openphone_lines (
    number       VARCHAR(16) PRIMARY KEY,  -- E.164
    openphone_id VARCHAR(64),              -- PN…
    name         VARCHAR(200),             -- the line's name in OpenPhone
    synced_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Empty: every line.
ALTER TABLE staff_users ADD COLUMN lines VARCHAR(16)[] NOT NULL DEFAULT '{}';

CREATE INDEX idx_conversations_line_recent ON openphone_conversations (line_number, last_message_at DESC, id DESC);
