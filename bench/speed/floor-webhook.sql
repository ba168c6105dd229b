-- pgbench floor for webhook ingestion: the rows one message.received writes (event log with its payload,
-- conversation upsert, message, status history, change feed, conversation counters and preview), in one
-- transaction with the fewest round trips PostgreSQL allows (one CTE, one UPDATE: a statement cannot
-- update the row its own upsert wrote). 30 % of events come from 300 regular customers, like the service's load.
\set r random(1, 1000000000000)
\set k random(1, 10)
\set cust random(1000, 7000000)
\set cust (case when :k <= 3 then :r % 300 else :cust end) + 2000000
BEGIN;
WITH ev AS (
    INSERT INTO webhook_events (event_id, type, payload)
    VALUES ('EVpg' || :r || '-' || :client_id, 'message.received',
            ('{"id":"EVpg' || :r || '","object":"event","apiVersion":"v3","createdAt":"2026-12-04T18:00:00.000Z","type":"message.received","data":{"object":{"id":"ACpg' || :r || '","object":"message","from":"+1905' || :cust || '","to":["+19025550100"],"direction":"incoming","text":"speed text, see you at 6","status":"received","createdAt":"2026-12-04T18:00:00.000Z","media":[]}}}')::jsonb)
    ON CONFLICT (event_id) DO NOTHING RETURNING 1),
conv AS (
    INSERT INTO openphone_conversations (line_number, phone_number, customer_name)
    SELECT '+19025550100', '+1905' || :cust, 'Unknown' FROM ev
    ON CONFLICT (line_number, phone_number) DO UPDATE SET line_number = EXCLUDED.line_number RETURNING id),
msg AS (
    INSERT INTO messages (conversation_id, openphone_id, direction, from_number, to_number, body, media, status,
                          created_at, updated_at)
    SELECT id, 'ACpg' || :r || '-' || :client_id, 'inbound', '+1905' || :cust, '+19025550100',
           'speed text, see you at 6', '[]', 'received', now(), now() FROM conv
    ON CONFLICT DO NOTHING RETURNING id, conversation_id, created_at),
st AS (INSERT INTO message_status (message_id, status) SELECT id, 'received' FROM msg),
ch AS (INSERT INTO change_events (type, conversation_id, message_id) SELECT 'message.created', conversation_id, id FROM msg
       RETURNING seq)
SELECT msg.id AS mid, msg.conversation_id AS cid FROM msg, ch \gset
UPDATE openphone_conversations SET message_count = message_count + 1, unread_count = unread_count + 1,
    last_message_id = :mid, last_message_text = 'speed text, see you at 6', last_message_direction = 'inbound',
    last_message_at = GREATEST(last_message_at, now()), inbox_status = 'open', updated_at = now()
WHERE id = :cid;
COMMIT;
