-- Bulk sends (campaigns). A campaign holds its recipients; a dispatcher on any replica releases
-- them into the outbox one by one (FOR UPDATE SKIP LOCKED), creating the message and marking the
-- recipient in one transaction, so each recipient gets at most one text across replicas and crashes.
CREATE TABLE campaigns (
    id               BIGSERIAL PRIMARY KEY,
    name             VARCHAR(200) NOT NULL,
    body             TEXT         NOT NULL,
    line_number      VARCHAR(32)  NOT NULL,
    kind             VARCHAR(16)  NOT NULL CHECK (kind IN ('marketing', 'informational')),
    state            VARCHAR(16)  NOT NULL DEFAULT 'draft'
                         CHECK (state IN ('draft', 'running', 'paused', 'cancelled', 'completed')),
    send_at          TIMESTAMPTZ,
    -- What the recipients came from, and what was refused on the way (invalid numbers, duplicates).
    filter           JSONB,
    invalid_count    INTEGER      NOT NULL DEFAULT 0,
    duplicate_count  INTEGER      NOT NULL DEFAULT 0,
    problems         JSONB        NOT NULL DEFAULT '[]',
    created_by_id    VARCHAR(100),
    created_by       VARCHAR(200),
    -- The last progress pushed to browsers: replicas push a change once (conditional UPDATE).
    progress_pushed  VARCHAR(200),
    created_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at       TIMESTAMPTZ  NOT NULL DEFAULT now(),
    started_at       TIMESTAMPTZ,
    finished_at      TIMESTAMPTZ
);

CREATE INDEX idx_campaigns_active ON campaigns (id) WHERE state = 'running';

CREATE TABLE campaign_recipients (
    id           BIGSERIAL PRIMARY KEY,
    campaign_id  BIGINT      NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    phone_number VARCHAR(32) NOT NULL,
    first_name   VARCHAR(100),
    last_name    VARCHAR(100),
    -- pending: not released yet; queued/sent/delivered/failed follow its message; skipped: never sent
    -- (skip_reason says why); cancelled: the campaign was cancelled before it was released.
    status       VARCHAR(16) NOT NULL DEFAULT 'pending'
                     CHECK (status IN ('pending', 'queued', 'sent', 'delivered', 'failed', 'skipped', 'cancelled')),
    skip_reason  VARCHAR(32),
    detail       TEXT,
    -- Deferred (quiet hours): not released before this instant.
    not_before   TIMESTAMPTZ,
    message_id   BIGINT,
    released_at  TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, phone_number)
);

CREATE INDEX idx_campaign_recipients_pending ON campaign_recipients (campaign_id, id) WHERE status = 'pending';
CREATE INDEX idx_campaign_recipients_message ON campaign_recipients (message_id) WHERE message_id IS NOT NULL;

-- The campaign a text was sent for: its timeline shows the name (kept on the row, so reading a thread
-- joins nothing); the frequency cap counts them.
ALTER TABLE messages ADD COLUMN campaign_id BIGINT, ADD COLUMN campaign_name VARCHAR(200);
CREATE INDEX idx_messages_campaign_to ON messages (to_number, created_at) WHERE campaign_id IS NOT NULL;

-- Campaign progress travels on the change feed like import progress.
ALTER TABLE change_events ADD COLUMN campaign_id BIGINT;
