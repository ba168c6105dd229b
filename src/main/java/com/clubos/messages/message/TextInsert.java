package com.clubos.messages.message;

import com.clubos.messages.api.Json;
import com.clubos.messages.tracing.StoredTraceContext;
import io.quarkus.hibernate.orm.panache.Panache;
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
                VALUES (:line, :customer, :name)
                ON CONFLICT (line_number, phone_number) DO UPDATE SET line_number = EXCLUDED.line_number
                RETURNING id, opted_out),
            message AS (
                INSERT INTO messages (conversation_id, openphone_id, client_ref, direction, from_number, to_number,
                    body, media, status, error_message, sent_by, sent_by_id, give_up_at, set_inbox_done, origin,
                    send_at, scheduled_at, send_even_if_reply, trace_parent, created_at, updated_at)
                SELECT id, :openphoneId, :clientRef, :direction, :from, :to, :body, CAST(:media AS jsonb), :status,
                    :error, :sentBy, :sentById, :giveUpAt, :setInboxDone, :origin, :sendAt, :scheduledAt,
                    :sendEvenIfReply, :traceParent, :createdAt, :updatedAt
                FROM conversation WHERE NOT (opted_out AND :refuseOptedOut)
                ON CONFLICT DO NOTHING
                RETURNING id, conversation_id),
            status AS (
                INSERT INTO message_status (message_id, status, occurred_at)
                SELECT id, :status, :updatedAt FROM message),
            change AS (
                INSERT INTO change_events (type, conversation_id, message_id, trace_parent)
                SELECT 'message.created', conversation_id, id, :traceParent FROM message
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
     */
    static Outcome insert(Message message, String customer, String line, String customerName, boolean refuseOptedOut) {
        message.createdAt = message.createdAt == null ? Message.now() : message.createdAt;
        message.updatedAt = Message.now();
        message.traceParent = message.traceParent == null ? StoredTraceContext.current() : message.traceParent;
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Panache.getEntityManager()
                .createNativeQuery(SQL)
                .setParameter("line", line)
                .setParameter("customer", customer)
                .setParameter("name", customerName)
                .setParameter("refuseOptedOut", refuseOptedOut)
                .setParameter("openphoneId", message.openphoneId)
                .setParameter("clientRef", message.clientRef)
                .setParameter("direction", message.direction.wire())
                .setParameter("from", message.fromNumber)
                .setParameter("to", message.toNumber)
                .setParameter("body", message.body)
                .setParameter("media", Json.write(message.media == null ? List.of() : message.media))
                .setParameter("status", message.status.wire())
                .setParameter("error", message.errorMessage)
                .setParameter("sentBy", message.sentBy)
                .setParameter("sentById", message.sentById)
                .setParameter("giveUpAt", message.giveUpAt)
                .setParameter("setInboxDone", message.setInboxDone)
                .setParameter("origin", message.origin == null ? null : message.origin.wire())
                .setParameter("sendAt", message.sendAt)
                .setParameter("scheduledAt", message.scheduledAt)
                .setParameter("sendEvenIfReply", message.sendEvenIfReply)
                .setParameter("traceParent", message.traceParent)
                .setParameter("createdAt", message.createdAt)
                .setParameter("updatedAt", message.updatedAt)
                .getResultList();
        Object[] row = rows.get(0);
        message.conversationId = ((Number) row[0]).longValue();
        boolean optedOut = Boolean.TRUE.equals(row[1]);
        if (row[2] == null) {
            return new Outcome(null, optedOut);
        }
        message.id = ((Number) row[2]).longValue();
        return new Outcome(
                new MessageChanged(
                        MessageChanged.Kind.CREATED, message.id, message.conversationId, ((Number) row[3]).longValue()),
                optedOut);
    }
}
