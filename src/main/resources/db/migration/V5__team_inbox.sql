-- Team inbox: who handles a conversation, whether it is done, opt-out state, snippets and notes.

ALTER TABLE openphone_conversations
    ADD COLUMN inbox_status       VARCHAR(8)   NOT NULL DEFAULT 'open' CHECK (inbox_status IN ('open', 'done')),
    ADD COLUMN assignee_id        VARCHAR(100),
    ADD COLUMN assignee_name      VARCHAR(200),
    -- STOP/START: the state follows the newest keyword message, so late webhooks cannot undo a newer one.
    ADD COLUMN opted_out          BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN opt_out_changed_at TIMESTAMPTZ,
    ADD COLUMN opt_out_message_id BIGINT REFERENCES messages (id) ON DELETE SET NULL;

CREATE INDEX idx_conversations_assignee ON openphone_conversations (assignee_id, last_message_at DESC, id DESC);
CREATE INDEX idx_conversations_inbox_status ON openphone_conversations (inbox_status, last_message_at DESC, id DESC);

-- A send may ask OpenPhone to mark its conversation done as well (setInboxStatus).
ALTER TABLE messages ADD COLUMN set_inbox_done BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE message_templates (
    id         BIGSERIAL PRIMARY KEY,
    name       VARCHAR(100) NOT NULL,
    body       TEXT         NOT NULL CHECK (length(body) BETWEEN 1 AND 1600),
    created_by VARCHAR(200) NOT NULL,
    updated_by VARCHAR(200) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX uq_message_templates_name ON message_templates (lower(name));

-- Staff-only notes: a table of their own, so nothing can ever send one to the customer.
CREATE TABLE conversation_notes (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT       NOT NULL REFERENCES openphone_conversations (id) ON DELETE CASCADE,
    author_id       VARCHAR(100) NOT NULL,
    author_name     VARCHAR(200) NOT NULL,
    body            TEXT         NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_conversation_notes_conversation ON conversation_notes (conversation_id, created_at, id);

ALTER TABLE change_events ADD COLUMN note_id BIGINT;

-- Staff known from their tokens (ClubOS users are not in staff_users), so they can be assigned.
CREATE TABLE staff_seen (
    id           VARCHAR(100) PRIMARY KEY,
    display_name VARCHAR(200) NOT NULL,
    role         VARCHAR(16)  NOT NULL,
    last_seen_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_audit_log_action ON audit_log (action, at DESC, id DESC);
CREATE INDEX idx_audit_log_target ON audit_log (target, at DESC, id DESC);
