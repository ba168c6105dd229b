-- Deleting a message makes PostgreSQL clear the conversations that point at it (ON DELETE SET NULL on
-- last_message_id, opt_out_message_id, possible_opt_out_message_id). Without an index each deleted
-- message scanned every conversation: removing 100 conversations with 400 texts took 30 s at 100,000
-- conversations. The opt-out columns are mostly NULL, so their indexes hold only the rows that are set
-- (the planner uses a partial index for "column = $1", which implies NOT NULL) and cost writes nothing.
-- last_message_id gets no index: every stored text moves it, and an index on it cost the webhook path
-- 11 % of PostgreSQL's own throughput (issue 19's floor, 910 vs 805 transactions/s) for deletes no code
-- path makes; a job that deletes messages clears those pointers first, in bulk.
CREATE INDEX idx_conversations_opt_out_message ON openphone_conversations (opt_out_message_id)
    WHERE opt_out_message_id IS NOT NULL;
CREATE INDEX idx_conversations_possible_opt_out_message ON openphone_conversations (possible_opt_out_message_id)
    WHERE possible_opt_out_message_id IS NOT NULL;
