-- A customer's text that reads like a revocation in other words ("please stop texting me") is flagged
-- for staff to confirm or dismiss; it is never applied by itself. The flag names the text.
ALTER TABLE openphone_conversations
    ADD COLUMN possible_opt_out_message_id BIGINT REFERENCES messages (id) ON DELETE SET NULL,
    ADD COLUMN possible_opt_out_text       VARCHAR(200),
    ADD COLUMN possible_opt_out_at         TIMESTAMPTZ;
