-- Reports (issue 18): the indexes the report queries read, and a rollup of waiting periods kept exact.

-- Counting texts over a range reads only this index (index-only scans): no message row is touched.
CREATE INDEX idx_messages_report ON messages (created_at)
    INCLUDE (conversation_id, direction, status, origin, sent_by_id);
-- Failed sends are few: a recorded answer that failed later is found through them.
CREATE INDEX idx_messages_failed_sends ON messages (created_at)
    WHERE direction = 'outbound' AND status IN ('failed', 'undelivered');
-- Which conversations changed since the rollup last looked (see report_conversations).
CREATE INDEX idx_conversations_updated ON openphone_conversations (updated_at);

-- Per conversation: when its first message was (new conversations) and which version of it the rollup
-- saw. A conversation whose updated_at or message_count differs from what was seen is recomputed.
CREATE TABLE report_conversations (
    conversation_id  BIGINT      PRIMARY KEY REFERENCES openphone_conversations (id) ON DELETE CASCADE,
    line_number      VARCHAR(16) NOT NULL,
    first_message_at TIMESTAMPTZ,
    seen_updated_at  TIMESTAMPTZ NOT NULL,
    seen_messages    INTEGER     NOT NULL
);

CREATE INDEX idx_report_conversations_first ON report_conversations (first_message_at) INCLUDE (line_number);

-- One row per waiting period: a customer's text that found the conversation new or marked done since
-- their previous text (STOP/START keywords excepted), the first done after it, and the first text a
-- person on staff sent in between (automatic, scheduled and campaign texts are not answers; a failed
-- or undelivered one is not either).
CREATE TABLE report_periods (
    conversation_id BIGINT       NOT NULL REFERENCES openphone_conversations (id) ON DELETE CASCADE,
    line_number     VARCHAR(16)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    closed_at       TIMESTAMPTZ,
    answer_id       BIGINT,
    answered_at     TIMESTAMPTZ,
    answered_by_id  VARCHAR(100)
);

CREATE INDEX idx_report_periods_conversation ON report_periods (conversation_id);
CREATE INDEX idx_report_periods_started ON report_periods (started_at)
    INCLUDE (line_number, closed_at, answer_id, answered_at, answered_by_id);

-- When the last full comparison of every conversation began; later changes are found by updated_at.
CREATE TABLE report_refresh (
    id            SMALLINT PRIMARY KEY CHECK (id = 1),
    full_check_at TIMESTAMPTZ
);

INSERT INTO report_refresh (id) VALUES (1);
