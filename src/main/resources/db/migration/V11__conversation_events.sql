-- Reports (issue 18): what happened to a conversation and when, so that "done" counts, waiting periods
-- and opt-outs can be told for any past range. The conversation row keeps only the current state.
--   done     marked done (by hand, or by "send & mark done"; at = the send's time)
--   reopen   opened again by hand (a customer's text reopens it too; that is read from the texts)
--   opt_out  a STOP keyword text from the customer (at = the text's time); opt_in the same for START
CREATE TABLE conversation_events (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT       NOT NULL REFERENCES openphone_conversations (id) ON DELETE CASCADE,
    line_number     VARCHAR(16)  NOT NULL,  -- the conversation's line (it never changes): reports per location
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('done', 'reopen', 'opt_out', 'opt_in')),
    at              TIMESTAMPTZ  NOT NULL,
    actor_id        VARCHAR(100),
    actor_name      VARCHAR(200),
    -- The keyword text (opt_out/opt_in) or the send that marked the conversation done.
    message_id      BIGINT
);

CREATE INDEX idx_conversation_events_conversation ON conversation_events (conversation_id, kind, at);
CREATE INDEX idx_conversation_events_at ON conversation_events (at, kind) INCLUDE (line_number, actor_id);
-- A keyword text is recorded once, however often its webhook comes.
CREATE UNIQUE INDEX uq_conversation_events_keyword ON conversation_events (message_id)
    WHERE kind IN ('opt_out', 'opt_in');

-- What the audit log already knows from before this table existed.
INSERT INTO conversation_events (conversation_id, line_number, kind, at, actor_id, actor_name)
SELECT c.id, c.line_number,
       CASE a.action WHEN 'conversation.done' THEN 'done' ELSE 'reopen' END,
       a.at,
       -- The audit log names the actor; their id where exactly one staff member had that name.
       (SELECT min(s.id) FROM staff_seen s WHERE s.display_name = a.actor HAVING count(*) = 1),
       a.actor
FROM audit_log a
JOIN openphone_conversations c ON c.id = CASE WHEN a.details ->> 'conversationId' ~ '^[0-9]{1,18}$'
                                              THEN (a.details ->> 'conversationId')::bigint END
WHERE a.action IN ('conversation.done', 'conversation.reopen');

INSERT INTO conversation_events (conversation_id, line_number, kind, at, actor_id, actor_name, message_id)
SELECT m.conversation_id, c.line_number, 'done', m.created_at, m.sent_by_id, m.sent_by, m.id
FROM audit_log a
JOIN messages m ON m.id = CASE WHEN a.details ->> 'messageId' ~ '^[0-9]{1,18}$'
                               THEN (a.details ->> 'messageId')::bigint END
JOIN openphone_conversations c ON c.id = m.conversation_id
WHERE a.action = 'message.send' AND a.details ->> 'markDone' = 'true';

INSERT INTO conversation_events (conversation_id, line_number, kind, at, message_id)
SELECT m.conversation_id, c.line_number, CASE a.action WHEN 'optout.stop' THEN 'opt_out' ELSE 'opt_in' END, m.created_at, m.id
FROM audit_log a
JOIN messages m ON m.id = CASE WHEN a.details ->> 'messageId' ~ '^[0-9]{1,18}$'
                               THEN (a.details ->> 'messageId')::bigint END
JOIN openphone_conversations c ON c.id = m.conversation_id
WHERE a.action IN ('optout.stop', 'optout.start')
ON CONFLICT DO NOTHING;
