package com.clubos.messages.message;

import com.clubos.messages.api.Json;
import com.clubos.messages.database.JdbcWork;
import com.clubos.messages.tracing.StoredTraceContext;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Stores a text with its conversation in one statement (issue 19): the conversation is created or
 * locked (upsert), the message inserted unless it exists (same OpenPhone id or client reference), its
 * first status recorded and the change appended to the feed, all in the caller's transaction. It
 * replaced four statements each paying Hibernate's per-statement set-up on the webhook path. The
 * conversation's counters move in a second statement ({@code Conversation.countMessage}): a statement
 * cannot update the row its own upsert just wrote. The feed's type is realtime's {@code message.created}.
 */
final class TextInsert {

    private static final String SQL = """
            WITH conversation AS (
                INSERT INTO openphone_conversations (line_number, phone_number, customer_name)
                VALUES (?, ?, ?)
                ON CONFLICT (line_number, phone_number) DO UPDATE SET line_number = EXCLUDED.line_number
                RETURNING id, opted_out),
            message AS (
                INSERT INTO messages (conversation_id, openphone_id, client_ref, direction, from_number, to_number,
                    body, media, status, error_message, sent_by, sent_by_id, give_up_at, set_inbox_done, origin,
                    send_at, scheduled_at, send_even_if_reply, trace_parent, created_at, updated_at)
                SELECT id, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                FROM conversation WHERE NOT (opted_out AND ?)
                ON CONFLICT DO NOTHING
                RETURNING id, conversation_id, status, updated_at, trace_parent),
            status AS (
                INSERT INTO message_status (message_id, status, occurred_at)
                SELECT id, status, updated_at FROM message),
            change AS (
                INSERT INTO change_events (type, conversation_id, message_id, trace_parent)
                SELECT 'message.created', conversation_id, id, trace_parent FROM message
                RETURNING seq)
            SELECT c.id, c.opted_out, m.id, f.seq FROM conversation c LEFT JOIN message m ON true LEFT JOIN change f ON true""";

    private TextInsert() {}

    /**
     * What the insert did: {@code created} names the new message's change (null when it existed already,
     * or when the customer opted out and {@code refuseOptedOut} held it back).
     */
    record Outcome(MessageChanged created, boolean optedOut) {}

    /**
     * Inserts {@code message} (its conversation id is filled in either way; the conversation's row stays
     * locked until commit, so an opt-out cannot slip in between); when new, {@code message.id} is set.
     * Plain JDBC on the transaction's connection: Hibernate's set-up of this native query cost more than
     * the statement itself.
     */
    static Outcome insert(Message message, String customer, String line, String customerName, boolean refuseOptedOut) {
        message.createdAt = message.createdAt == null ? Message.now() : message.createdAt;
        message.updatedAt = Message.now();
        message.traceParent = message.traceParent == null ? StoredTraceContext.current() : message.traceParent;
        return JdbcWork.inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(SQL)) {
                bind(statement, message, customer, line, customerName, refuseOptedOut);
                try (ResultSet row = statement.executeQuery()) {
                    row.next();
                    message.conversationId = row.getLong(1);
                    boolean optedOut = row.getBoolean(2);
                    long id = row.getLong(3);
                    if (row.wasNull()) {
                        return new Outcome(null, optedOut);
                    }
                    message.id = id;
                    return new Outcome(
                            new MessageChanged(
                                    MessageChanged.Kind.CREATED, message.id, message.conversationId, row.getLong(4)),
                            optedOut);
                }
            }
        });
    }

    private static void bind(
            PreparedStatement statement,
            Message message,
            String customer,
            String line,
            String customerName,
            boolean refuseOptedOut)
            throws SQLException {
        int p = 1;
        statement.setString(p++, line);
        statement.setString(p++, customer);
        statement.setString(p++, customerName);
        JdbcWork.setText(statement, p++, message.openphoneId);
        JdbcWork.setText(statement, p++, message.clientRef);
        statement.setString(p++, message.direction.wire());
        statement.setString(p++, message.fromNumber);
        statement.setString(p++, message.toNumber);
        statement.setString(p++, message.body);
        statement.setString(p++, Json.write(message.media == null ? List.of() : message.media));
        statement.setString(p++, message.status.wire());
        JdbcWork.setText(statement, p++, message.errorMessage);
        JdbcWork.setText(statement, p++, message.sentBy);
        JdbcWork.setText(statement, p++, message.sentById);
        JdbcWork.setInstant(statement, p++, message.giveUpAt);
        statement.setBoolean(p++, message.setInboxDone);
        JdbcWork.setText(statement, p++, message.origin == null ? null : message.origin.wire());
        JdbcWork.setInstant(statement, p++, message.sendAt);
        JdbcWork.setInstant(statement, p++, message.scheduledAt);
        statement.setBoolean(p++, message.sendEvenIfReply);
        JdbcWork.setText(statement, p++, message.traceParent);
        JdbcWork.setInstant(statement, p++, message.createdAt);
        JdbcWork.setInstant(statement, p++, message.updatedAt);
        statement.setBoolean(p, refuseOptedOut);
    }
}
