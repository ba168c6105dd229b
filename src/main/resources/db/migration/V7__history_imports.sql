-- History import (issue 21): ClubOS's JSONB conversations and OpenPhone's own history, as jobs whose
-- state and checkpoint live here, so that a replica killed mid-import is replaced at the same point.

CREATE TABLE history_imports (
    id                  BIGSERIAL PRIMARY KEY,
    source              VARCHAR(16)  NOT NULL CHECK (source IN ('clubos', 'openphone')),
    state               VARCHAR(12)  NOT NULL DEFAULT 'running'
                            CHECK (state IN ('running', 'done', 'failed', 'cancelled')),
    since               TIMESTAMPTZ,                 -- OpenPhone: only history from then on
    started_by          VARCHAR(200) NOT NULL,
    conversations_done  INTEGER      NOT NULL DEFAULT 0,
    conversations_total INTEGER,                     -- unknown until the source has been counted or listed
    messages_imported   BIGINT       NOT NULL DEFAULT 0,
    messages_duplicates BIGINT       NOT NULL DEFAULT 0,
    messages_skipped    BIGINT       NOT NULL DEFAULT 0,
    error_count         INTEGER      NOT NULL DEFAULT 0,
    -- Where the job stands, written in the same transaction as the batch it follows.
    checkpoint          JSONB        NOT NULL DEFAULT '{}'::jsonb,
    failure             TEXT,
    -- The replica running it ("host:port") and its last sign of life; a stale lease is taken over.
    owner               VARCHAR(200),
    heartbeat_at        TIMESTAMPTZ,
    created_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at         TIMESTAMPTZ
);

-- One import per source at a time.
CREATE UNIQUE INDEX uq_history_imports_running ON history_imports (source) WHERE state = 'running';
CREATE INDEX idx_history_imports_recent ON history_imports (created_at DESC, id DESC);

-- The first problems of each import (bad rows, refused calls), each naming the source row or call.
CREATE TABLE history_import_errors (
    id         BIGSERIAL PRIMARY KEY,
    import_id  BIGINT       NOT NULL REFERENCES history_imports (id) ON DELETE CASCADE,
    source_ref VARCHAR(300) NOT NULL,
    reason     TEXT         NOT NULL,
    at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE INDEX idx_history_import_errors_import ON history_import_errors (import_id, id);

-- OpenPhone backfill: the conversations it listed, and how far each one's messages have been read.
CREATE TABLE history_import_conversations (
    import_id       BIGINT      NOT NULL REFERENCES history_imports (id) ON DELETE CASCADE,
    position        INTEGER     NOT NULL,
    openphone_id    VARCHAR(64),
    phone_number_id VARCHAR(64) NOT NULL,
    line_number     VARCHAR(16) NOT NULL,
    participant     VARCHAR(16) NOT NULL,
    name            VARCHAR(200),
    page_token      TEXT,
    done            BOOLEAN     NOT NULL DEFAULT FALSE,
    PRIMARY KEY (import_id, position)
);

-- ClubOS rows whose unread count and last-read time were carried over: once, whatever re-runs follow.
CREATE TABLE history_legacy_rows (
    legacy_id       VARCHAR(100) PRIMARY KEY,
    conversation_id BIGINT       NOT NULL REFERENCES openphone_conversations (id) ON DELETE CASCADE,
    import_id       BIGINT,
    unread_carried  INTEGER      NOT NULL
);

-- Imported messages: which import stored them (never sent, never retried) and their identity as
-- history: md5 of (conversation, direction, time, text), so a re-run or the other source adds nothing.
ALTER TABLE messages
    ADD COLUMN import_id   BIGINT,
    ADD COLUMN history_key UUID;

CREATE UNIQUE INDEX uq_messages_history_key ON messages (history_key) WHERE history_key IS NOT NULL;

-- Import progress is pushed to admins through the change feed; it belongs to no conversation.
ALTER TABLE change_events
    ALTER COLUMN conversation_id DROP NOT NULL,
    ADD COLUMN import_id BIGINT;

-- Priorities in the shared OpenPhone schedule: background (bulk) calls wait while a staff send's slot
-- is still ahead (interactive_until), so staff sends always go first.
ALTER TABLE openphone_rate_limit
    ADD COLUMN interactive_until TIMESTAMPTZ NOT NULL DEFAULT 'epoch';
