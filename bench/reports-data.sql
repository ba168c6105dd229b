-- Report benchmark data (issue 18): a year of texts at three clubs, generated inside PostgreSQL.
-- :conversations conversations (default 100,000), each with 1-7 waiting periods spread over 2025:
-- 1-3 customer texts, sometimes an automatic reply (origin 'auto'), the first staff answer after
-- 1 s - 2.5 h (2 % of them failed sends), a customer reply, a staff reply, and 80 % marked done.
-- About 20 messages per conversation: 2,000,000 messages for 100,000 conversations.
SELECT setseed(0.18);

INSERT INTO openphone_conversations (id, phone_number, line_number, customer_name, created_at, last_message_at,
                                     inbox_status)
SELECT c, '+1902' || lpad((6000000 + c)::text, 7, '0'),
       (ARRAY['+19025550100', '+19025550200', '+19025550300'])[1 + c % 3], 'Customer ' || c,
       timestamptz '2025-01-01 00:00:00+00', timestamptz '2025-01-01 00:00:00+00', 'done'
FROM generate_series(1, :conversations) AS c;
SELECT setval('openphone_conversations_id_seq', :conversations);

CREATE TEMP TABLE bench_periods AS
SELECT c.id AS conversation_id, c.phone_number AS customer, c.line_number AS line,
       timestamptz '2025-01-01 04:00:00+00' + floor(random() * 365) * interval '1 day'
           + (8 + random() * 15) * interval '1 hour' AS start_at,
       1 + floor(random() * 3)::int AS texts,
       floor(exp(random() * 9))::int AS delay_s,
       'staff-' || (1 + floor(random() * 12)::int) AS staff,
       random() < 0.10 AS auto_reply,
       random() < 0.02 AS failed,
       random() < 0.80 AS done
FROM openphone_conversations c
CROSS JOIN LATERAL generate_series(1, 1 + (c.id * 7919) % 7) AS p;

INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status, sent_by, sent_by_id, origin,
                      created_at, updated_at)
SELECT conversation_id, direction, from_number, to_number, body, status, sent_by, sent_by_id, origin, at, at
FROM (
    SELECT conversation_id, 'inbound' AS direction, customer AS from_number, line AS to_number,
           'Customer text ' || k AS body, 'received' AS status, NULL AS sent_by, NULL AS sent_by_id, NULL AS origin,
           start_at + (k - 1) * interval '40 seconds' AS at
    FROM bench_periods CROSS JOIN LATERAL generate_series(1, texts) AS k
    UNION ALL
    SELECT conversation_id, 'outbound', line, customer, 'Thanks, we got your text', 'delivered', NULL, NULL, 'auto',
           start_at + interval '1 second'
    FROM bench_periods WHERE auto_reply
    UNION ALL
    SELECT conversation_id, 'outbound', line, customer, 'Staff answer', CASE WHEN failed THEN 'failed' ELSE 'delivered' END,
           'Staff ' || staff, staff, NULL, start_at + (texts - 1) * interval '40 seconds' + delay_s * interval '1 second'
    FROM bench_periods
    UNION ALL
    SELECT conversation_id, 'inbound', customer, line, 'Customer reply', 'received', NULL, NULL, NULL,
           start_at + (texts - 1) * interval '40 seconds' + (delay_s + 120) * interval '1 second'
    FROM bench_periods
    UNION ALL
    SELECT conversation_id, 'outbound', line, customer, 'Staff reply', 'delivered', 'Staff ' || staff, staff, NULL,
           start_at + (texts - 1) * interval '40 seconds' + (delay_s + 420) * interval '1 second'
    FROM bench_periods
) AS m;

INSERT INTO conversation_events (conversation_id, line_number, kind, at, actor_id, actor_name)
SELECT conversation_id, line, 'done', start_at + (texts - 1) * interval '40 seconds' + (delay_s + 1020) * interval '1 second',
       staff, 'Staff ' || staff
FROM bench_periods WHERE done;

-- History: each conversation last changed with its last text, as the live service would have left it.
UPDATE openphone_conversations c SET message_count = t.n, last_message_at = t.last_at, updated_at = t.last_at
FROM (SELECT conversation_id, count(*) AS n, max(created_at) AS last_at FROM messages GROUP BY conversation_id) t
WHERE t.conversation_id = c.id;
