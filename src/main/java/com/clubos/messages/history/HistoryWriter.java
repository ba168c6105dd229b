package com.clubos.messages.history;

import com.clubos.messages.api.Json;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hibernate.Session;

/**
 * The SQL of a batch: a handful of set-based statements, whatever its size (conversations upserted in
 * one statement, messages inserted from arrays in one). Keeps the invariants the live path keeps:
 * {@code message_count} counts the rows, the last-message preview only moves forward, a status row per
 * message. Imported messages fire no change events, raise no unread counts and are never queued.
 * Must run inside the batch's transaction.
 */
@ApplicationScoped
class HistoryWriter {

    private static final int NAME_LENGTH = 200;

    private final EntityManager em;

    HistoryWriter(EntityManager em) {
        this.em = em;
    }

    /** The outcome of a batch: how many messages were new. */
    record Written(int imported, int duplicates) {}

    Written write(long importId, HistoryBatch batch, int maxErrors) {
        return em.unwrap(Session.class).doReturningWork(connection -> {
            Upserted conversations = upsertConversations(connection, batch);
            int imported =
                    batch.messages.isEmpty() ? 0 : insertMessages(connection, importId, batch, conversations.ids());
            dropEmptyNewConversations(connection, conversations.created());
            carry(connection, importId, batch, conversations.ids());
            recordProblems(connection, importId, batch, maxErrors);
            BackfillConversations.record(connection, importId, batch);
            return new Written(imported, batch.size() - imported);
        });
    }

    /** The batch's conversations: their ids by line and customer, and which of them the batch created. */
    private record Upserted(Map<String, Long> ids, Set<Long> created) {}

    /** Creates or updates the batch's conversations in a fixed order (so concurrent batches cannot deadlock). */
    private Upserted upsertConversations(Connection connection, HistoryBatch batch) throws SQLException {
        Upserted upserted = new Upserted(new HashMap<>(), new HashSet<>());
        if (batch.conversations.isEmpty()) {
            return upserted;
        }
        List<HistoryBatch.ConversationInfo> rows = List.copyOf(batch.conversations.values());
        Map<String, Instant> latest = new HashMap<>();
        batch.messages.forEach(m -> latest.merge(
                HistoryBatch.ConversationInfo.key(m.line(), m.customer()),
                m.createdAt(),
                (a, b) -> a.isAfter(b) ? a : b));
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO openphone_conversations AS c (line_number, phone_number, customer_name, employee_name,
                    created_at, last_message_at, inbox_status)
                SELECT line, phone, name, employee, COALESCE(created, last_at), last_at, status
                FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS timestamptz[]), CAST(? AS timestamptz[]), CAST(? AS text[]))
                     AS t(line, phone, name, employee, created, last_at, status)
                ORDER BY line, phone
                ON CONFLICT (line_number, phone_number) DO UPDATE SET
                    customer_name = CASE WHEN c.customer_name = 'Unknown' THEN EXCLUDED.customer_name
                                         ELSE c.customer_name END,
                    employee_name = COALESCE(c.employee_name, EXCLUDED.employee_name),
                    created_at = LEAST(c.created_at, EXCLUDED.created_at)
                RETURNING id, line_number, phone_number, (xmax = 0) AS created""")) {
            upsert.setArray(1, texts(connection, rows, HistoryBatch.ConversationInfo::line));
            upsert.setArray(2, texts(connection, rows, HistoryBatch.ConversationInfo::customer));
            upsert.setArray(3, texts(connection, rows, c -> clip(c.name() == null ? "Unknown" : c.name())));
            upsert.setArray(4, texts(connection, rows, c -> clip(c.employeeName())));
            upsert.setArray(
                    5,
                    texts(
                            connection,
                            rows,
                            c -> c.createdAt() == null ? null : c.createdAt().toString()));
            upsert.setArray(
                    6, texts(connection, rows, c -> String.valueOf(latest.getOrDefault(c.key(), Instant.now()))));
            upsert.setArray(7, texts(connection, rows, c -> c.open() ? "open" : "done"));
            try (ResultSet result = upsert.executeQuery()) {
                while (result.next()) {
                    upserted.ids()
                            .put(
                                    HistoryBatch.ConversationInfo.key(result.getString(2), result.getString(3)),
                                    result.getLong(1));
                    if (result.getBoolean(4)) {
                        upserted.created().add(result.getLong(1));
                    }
                }
            }
        }
        return upserted;
    }

    /**
     * Inserts the messages not stored yet: none with the same OpenPhone id, none with the same
     * (conversation, direction, time, text). Counts them in their conversations in the same statement.
     */
    private int insertMessages(Connection connection, long importId, HistoryBatch batch, Map<String, Long> ids)
            throws SQLException {
        List<HistoryMessage> messages = batch.messages;
        try (PreparedStatement insert = connection.prepareStatement("""
                WITH input AS (
                    SELECT t.*, md5(t.conversation_id || '|' || t.direction || '|'
                               || (EXTRACT(EPOCH FROM t.created_at) * 1000000)::bigint || '|' || t.body)::uuid AS history_key
                    FROM unnest(CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                                CAST(? AS text[]), CAST(? AS timestamptz[])) WITH ORDINALITY
                         AS t(conversation_id, openphone_id, direction, from_number, to_number, body, media,
                              status, error_message, created_at, n)
                ), fresh AS (
                    SELECT i.* FROM input i
                    WHERE NOT EXISTS (SELECT 1 FROM messages m
                                      WHERE m.conversation_id = i.conversation_id AND m.created_at = i.created_at
                                        AND m.direction = i.direction AND m.body = i.body)
                    -- Ids in one order in every batch (concurrent batches cannot deadlock); equals: the first wins.
                    ORDER BY i.openphone_id NULLS LAST, i.n
                ), inserted AS (
                    INSERT INTO messages (conversation_id, openphone_id, direction, from_number, to_number, body, media,
                        status, error_message, import_id, history_key, created_at, updated_at)
                    SELECT conversation_id, openphone_id, direction, from_number, to_number, body, CAST(media AS jsonb),
                        status, error_message, ?, history_key, created_at, now()
                    FROM fresh
                    ON CONFLICT DO NOTHING
                    RETURNING id, conversation_id, direction, body, status, error_message, created_at
                ), statuses AS (
                    INSERT INTO message_status (message_id, status, error_message, occurred_at)
                    SELECT id, status, error_message, created_at FROM inserted
                ), latest AS (
                    SELECT DISTINCT ON (conversation_id) conversation_id, id, left(body, 200) AS preview, direction,
                        created_at
                    FROM inserted ORDER BY conversation_id, created_at DESC, id DESC
                ), counted AS (
                    SELECT conversation_id, count(*) AS n FROM inserted GROUP BY conversation_id
                ), counters AS (
                    UPDATE openphone_conversations c SET
                        message_count = c.message_count + counted.n,
                        last_message_id = CASE WHEN latest.created_at >= c.last_message_at OR c.last_message_id IS NULL
                            THEN latest.id ELSE c.last_message_id END,
                        last_message_text = CASE WHEN latest.created_at >= c.last_message_at OR c.last_message_id IS NULL
                            THEN latest.preview ELSE c.last_message_text END,
                        last_message_direction = CASE WHEN latest.created_at >= c.last_message_at
                            OR c.last_message_id IS NULL THEN latest.direction ELSE c.last_message_direction END,
                        last_message_at = CASE WHEN c.last_message_id IS NULL THEN latest.created_at
                            ELSE GREATEST(c.last_message_at, latest.created_at) END,
                        updated_at = now()
                    FROM counted JOIN latest USING (conversation_id)
                    -- The ANY(ARRAY(…)) lets the planner find the few rows by key, not scan every conversation.
                    WHERE c.id = counted.conversation_id AND c.id = ANY (ARRAY(SELECT conversation_id FROM counted))
                )
                SELECT count(*) FROM inserted""")) {
            Long[] conversations = messages.stream()
                    .map(m -> ids.get(HistoryBatch.ConversationInfo.key(m.line(), m.customer())))
                    .toArray(Long[]::new);
            insert.setArray(1, connection.createArrayOf("bigint", conversations));
            insert.setArray(2, texts(connection, messages, HistoryMessage::openphoneId));
            insert.setArray(3, texts(connection, messages, m -> m.direction().wire()));
            insert.setArray(4, texts(connection, messages, HistoryMessage::from));
            insert.setArray(5, texts(connection, messages, HistoryMessage::to));
            insert.setArray(6, texts(connection, messages, HistoryMessage::body));
            insert.setArray(7, texts(connection, messages, m -> m.mediaJson() == null ? "[]" : m.mediaJson()));
            insert.setArray(8, texts(connection, messages, m -> m.status().wire()));
            insert.setArray(9, texts(connection, messages, HistoryMessage::error));
            insert.setArray(10, texts(connection, messages, m -> m.createdAt().toString()));
            insert.setLong(11, importId);
            try (ResultSet result = insert.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /**
     * A conversation this batch created but none of whose messages were new (they are stored, with the
     * same OpenPhone id, in another conversation) would be an empty thread: it is not kept.
     */
    private static void dropEmptyNewConversations(Connection connection, Set<Long> created) throws SQLException {
        if (created.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM openphone_conversations WHERE id = ANY (?) AND message_count = 0")) {
            delete.setArray(1, connection.createArrayOf("bigint", created.toArray(Long[]::new)));
            delete.executeUpdate();
        }
    }

    /**
     * Adds each ClubOS row's unread count to its conversation and keeps the later last-read time, once per
     * row ever (history_legacy_rows), so re-runs carry nothing again; a carried unread count opens it.
     */
    private static void carry(Connection connection, long importId, HistoryBatch batch, Map<String, Long> ids)
            throws SQLException {
        List<HistoryBatch.LegacyCarry> carries = batch.carries.values().stream()
                .filter(c -> ids.containsKey(c.conversationKey()))
                .toList();
        if (carries.isEmpty()) {
            return;
        }
        try (PreparedStatement carry = connection.prepareStatement("""
                WITH input AS (
                    SELECT * FROM unnest(CAST(? AS text[]), CAST(? AS bigint[]), CAST(? AS int[]),
                                         CAST(? AS timestamptz[])) AS t(legacy_id, conversation_id, unread, last_read_at)
                ), carried AS (
                    INSERT INTO history_legacy_rows (legacy_id, conversation_id, import_id, unread_carried)
                    SELECT i.legacy_id, i.conversation_id, ?, i.unread
                    FROM input i JOIN openphone_conversations c ON c.id = i.conversation_id
                    ON CONFLICT DO NOTHING
                    RETURNING legacy_id
                ), totals AS (
                    SELECT i.conversation_id, sum(i.unread) AS unread, max(i.last_read_at) AS last_read_at
                    FROM input i JOIN carried USING (legacy_id) GROUP BY i.conversation_id
                )
                UPDATE openphone_conversations c SET
                    unread_count = c.unread_count + totals.unread,
                    last_read_at = GREATEST(c.last_read_at, totals.last_read_at),
                    inbox_status = CASE WHEN totals.unread > 0 THEN 'open' ELSE c.inbox_status END
                FROM totals
                WHERE c.id = totals.conversation_id AND c.id = ANY (ARRAY(SELECT conversation_id FROM totals))""")) {
            carry.setArray(1, texts(connection, carries, HistoryBatch.LegacyCarry::legacyId));
            carry.setArray(
                    2,
                    connection.createArrayOf(
                            "bigint",
                            carries.stream()
                                    .map(c -> ids.get(c.conversationKey()))
                                    .toArray(Long[]::new)));
            carry.setArray(
                    3,
                    connection.createArrayOf(
                            "integer",
                            carries.stream()
                                    .map(HistoryBatch.LegacyCarry::unread)
                                    .toArray(Integer[]::new)));
            carry.setArray(
                    4,
                    texts(
                            connection,
                            carries,
                            c -> c.lastReadAt() == null ? null : c.lastReadAt().toString()));
            carry.setLong(5, importId);
            carry.executeUpdate();
        }
    }

    /** Keeps the first {@code maxErrors} problems of the import (all are counted). */
    private static void recordProblems(Connection connection, long importId, HistoryBatch batch, int maxErrors)
            throws SQLException {
        if (batch.problems.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO history_import_errors (import_id, source_ref, reason)
                SELECT ?, left(ref, 300), reason
                FROM unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS t(ref, reason, n)
                WHERE n <= ? - (SELECT count(*) FROM history_import_errors WHERE import_id = ?)
                ORDER BY n""")) {
            insert.setLong(1, importId);
            insert.setArray(2, texts(connection, batch.problems, ImportView.Problem::ref));
            insert.setArray(3, texts(connection, batch.problems, ImportView.Problem::reason));
            insert.setInt(4, maxErrors);
            insert.setLong(5, importId);
            insert.executeUpdate();
        }
    }

    /** Moves the import's counters and checkpoint on, with the batch they describe. */
    void advance(long importId, HistoryBatch batch, Written written) {
        String checkpoint = batch.checkpoint == null ? "" : "checkpoint = CAST(:checkpoint AS jsonb), ";
        var update = em.createNativeQuery("""
                        UPDATE history_imports SET
                            messages_imported = messages_imported + :imported,
                            messages_duplicates = messages_duplicates + :duplicates,
                            messages_skipped = messages_skipped + :skipped,
                            conversations_done = conversations_done + :done,
                            conversations_total = CASE WHEN :found = 0 THEN conversations_total
                                                       ELSE COALESCE(conversations_total, 0) + :found END,
                            error_count = error_count + :errors, %s
                            heartbeat_at = now(), updated_at = now()
                        WHERE id = :id""".formatted(checkpoint));
        if (batch.checkpoint != null) {
            update.setParameter("checkpoint", Json.write(batch.checkpoint));
        }
        update.setParameter("found", batch.conversationsFound);
        update.setParameter("imported", written.imported())
                .setParameter("duplicates", written.duplicates())
                .setParameter("skipped", batch.skipped)
                .setParameter("done", batch.conversationsDone)
                .setParameter("errors", batch.problems.size())
                .setParameter("id", importId)
                .executeUpdate();
    }

    private static <T> Array texts(Connection connection, List<T> rows, Function<T, String> column)
            throws SQLException {
        String[] values = new String[rows.size()];
        for (int i = 0; i < values.length; i++) {
            String value = column.apply(rows.get(i));
            // PostgreSQL text cannot hold NUL; one in a source row must not fail the whole batch.
            values[i] = value == null || value.indexOf('\u0000') < 0 ? value : value.replace("\u0000", "");
        }
        return connection.createArrayOf("text", values);
    }

    private static String clip(String text) {
        return text == null || text.length() <= NAME_LENGTH ? text : text.substring(0, NAME_LENGTH);
    }
}
