-- ClubOS Messages: one row per message, conversations keep only counters and the last-message preview.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE openphone_conversations (
    id                     BIGSERIAL PRIMARY KEY,
    phone_number           VARCHAR(16)  NOT NULL,          -- the customer, E.164
    line_number            VARCHAR(16)  NOT NULL,          -- our OpenPhone number, E.164
    customer_name          VARCHAR(200) NOT NULL DEFAULT 'Unknown',
    employee_name          VARCHAR(200),
    unread_count           INTEGER      NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    last_read_at           TIMESTAMPTZ,
    last_message_id        BIGINT,
    last_message_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_message_text      TEXT,
    last_message_direction VARCHAR(8)   CHECK (last_message_direction IN ('inbound', 'outbound')),
    message_count          INTEGER      NOT NULL DEFAULT 0 CHECK (message_count >= 0),
    created_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at             TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CONSTRAINT uq_conversation_line_customer UNIQUE (line_number, phone_number)
);

-- "Most recent activity first", also the keyset cursor (last_message_at, id).
CREATE INDEX idx_conversations_recent ON openphone_conversations (last_message_at DESC, id DESC);
-- Search by any part of the number and by name, case-insensitively.
CREATE INDEX idx_conversations_phone_trgm ON openphone_conversations USING gin (phone_number gin_trgm_ops);
CREATE INDEX idx_conversations_name_trgm ON openphone_conversations USING gin (lower(customer_name) gin_trgm_ops);
CREATE INDEX idx_conversations_phone ON openphone_conversations (phone_number);

CREATE TABLE messages (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT       NOT NULL REFERENCES openphone_conversations (id) ON DELETE CASCADE,
    openphone_id    VARCHAR(64)  UNIQUE,
    client_ref      VARCHAR(100) UNIQUE,
    direction       VARCHAR(8)   NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    from_number     VARCHAR(16)  NOT NULL,
    to_number       VARCHAR(16)  NOT NULL,
    body            TEXT         NOT NULL,
    media           JSONB        NOT NULL DEFAULT '[]'::jsonb,
    status          VARCHAR(12)  NOT NULL CHECK (status IN
                        ('queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received')),
    error_message   TEXT,
    sent_by         VARCHAR(200),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),  -- the time at OpenPhone
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_messages_conversation_time ON messages (conversation_id, created_at, id);

ALTER TABLE openphone_conversations
    ADD CONSTRAINT fk_conversation_last_message FOREIGN KEY (last_message_id) REFERENCES messages (id)
        ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

-- Append-only history of every status a message went through.
CREATE TABLE message_status (
    id            BIGSERIAL PRIMARY KEY,
    message_id    BIGINT      NOT NULL REFERENCES messages (id) ON DELETE CASCADE,
    status        VARCHAR(12) NOT NULL,
    error_message TEXT,
    occurred_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE INDEX idx_message_status_message ON message_status (message_id, occurred_at, id);

-- The order in which a status may advance: an update only applies when the new rank is higher,
-- so a late "sent" never overwrites "delivered". Final states share the top rank.
CREATE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE status
           WHEN 'queued' THEN 0
           WHEN 'sending' THEN 1
           WHEN 'sent' THEN 2
           WHEN 'received' THEN 3
           WHEN 'delivered' THEN 3
           WHEN 'undelivered' THEN 3
           WHEN 'failed' THEN 3
           END
$$;

CREATE TABLE staff_users (
    id            BIGSERIAL PRIMARY KEY,
    username      VARCHAR(100) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'operator', 'support')),
    password_hash VARCHAR(200) NOT NULL,
    active        BOOLEAN      NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX uq_staff_users_username ON staff_users (lower(username));

CREATE TABLE audit_log (
    id      BIGSERIAL PRIMARY KEY,
    actor   VARCHAR(200) NOT NULL,
    action  VARCHAR(64)  NOT NULL,
    target  VARCHAR(200),
    details JSONB        NOT NULL DEFAULT '{}'::jsonb,
    at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX idx_audit_log_actor ON audit_log (actor, at DESC);
