-- Scheduled messages (issue 17): an outbound text waits as 'scheduled' until its send_at, when one
-- conditional UPDATE on some replica moves it to 'queued' for the outbox; staff may cancel it, and a
-- customer's text cancels it unless it was scheduled to go out even if they reply.
ALTER TABLE messages DROP CONSTRAINT messages_status_check;
ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN
    ('scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'received', 'cancelled'));

ALTER TABLE messages
    ADD COLUMN send_at            TIMESTAMPTZ,
    -- When staff scheduled it: a customer's text after this moment cancels it (unless send_even_if_reply).
    ADD COLUMN scheduled_at       TIMESTAMPTZ,
    ADD COLUMN send_even_if_reply BOOLEAN NOT NULL DEFAULT FALSE;

-- The release job reads only the due ones; the list and the reply rule read a conversation's.
CREATE INDEX idx_messages_scheduled_due ON messages (send_at, id) WHERE status = 'scheduled';
CREATE INDEX idx_messages_scheduled_conversation ON messages (conversation_id) WHERE status = 'scheduled';
-- Per-staff send limit: a scheduled text counts when it was scheduled.
CREATE INDEX idx_messages_scheduled_by ON messages (sent_by_id, scheduled_at) WHERE scheduled_at IS NOT NULL;

-- 'scheduled' comes before 'queued'; 'cancelled' is final like 'failed'.
CREATE OR REPLACE FUNCTION message_status_rank(status TEXT) RETURNS INTEGER
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$
SELECT CASE status
           WHEN 'scheduled' THEN -1
           WHEN 'queued' THEN 0
           WHEN 'sending' THEN 1
           WHEN 'sent' THEN 2
           WHEN 'received' THEN 3
           WHEN 'delivered' THEN 3
           WHEN 'undelivered' THEN 3
           WHEN 'failed' THEN 3
           WHEN 'cancelled' THEN 3
           END
$$;
