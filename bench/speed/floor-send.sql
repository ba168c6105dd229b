-- pgbench floor for POST /api/messages/send: the per-staff send limit's count, conversation upsert (row
-- locked: the opt-out check), the queued message, status history, audit entry, change feed and counters,
-- in one transaction with the fewest round trips (one CTE, one UPDATE). 50 staff (clients), 30 % regulars.
\set r random(1, 1000000000000)
\set k random(1, 10)
\set cust random(1000, 7000000)
\set cust (case when :k <= 3 then :r % 300 else :cust end) + 2000000
BEGIN;
WITH recent AS (
    SELECT count(*) AS n FROM messages
    WHERE sent_by_id = 'floor-staff-' || :client_id AND created_at >= now() - interval '1 minute'),
conv AS (
    INSERT INTO openphone_conversations (line_number, phone_number, customer_name)
    SELECT '+19025550100', '+1906' || :cust, 'Unknown' FROM recent WHERE n < 1000000
    ON CONFLICT (line_number, phone_number) DO UPDATE SET line_number = EXCLUDED.line_number
    RETURNING id, opted_out),
msg AS (
    INSERT INTO messages (conversation_id, direction, from_number, to_number, body, media, status, sent_by,
                          sent_by_id, give_up_at, created_at, updated_at)
    SELECT id, 'outbound', '+19025550100', '+1906' || :cust, 'Your bay is ready at 6', '[]', 'queued',
           'Floor staff', 'floor-staff-' || :client_id, now() + interval '1 day', now(), now()
    FROM conv WHERE NOT opted_out
    RETURNING id, conversation_id),
st AS (INSERT INTO message_status (message_id, status) SELECT id, 'queued' FROM msg),
au AS (INSERT INTO audit_log (actor, action, target, details)
       SELECT 'Floor staff', 'message.send', '+1906' || :cust,
              jsonb_build_object('messageId', id, 'from', '+19025550100', 'length', 22, 'userId', 'floor-staff-' || :client_id)
       FROM msg),
ch AS (INSERT INTO change_events (type, conversation_id, message_id) SELECT 'message.created', conversation_id, id FROM msg
       RETURNING seq)
SELECT msg.id AS mid, msg.conversation_id AS cid FROM msg, ch \gset
UPDATE openphone_conversations SET message_count = message_count + 1,
    last_message_id = :mid, last_message_text = 'Your bay is ready at 6', last_message_direction = 'outbound',
    last_message_at = GREATEST(last_message_at, now()), updated_at = now()
WHERE id = :cid;
COMMIT;
