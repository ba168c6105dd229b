package com.clubos.messages.schedule;

import com.clubos.messages.api.Cursor;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageStatus;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.panache.common.Parameters;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of scheduled messages. A scheduled text is a row of {@code messages} in status
 * {@code scheduled}; every move out of that status is one conditional UPDATE (or a row lock and a
 * re-check), so a release, an edit, a cancel and a customer's reply never both win.
 */
final class ScheduledMessages {

    private ScheduledMessages() {}

    /**
     * Moves due messages to the outbox's queue, on whichever replica gets there first: SKIP LOCKED
     * means no two replicas take the same row, and a row taken stays taken once this commits. A due
     * message of a conversation that opted out is cancelled instead. A released message takes its
     * release time as {@code created_at}, so it sits in the timeline where it was sent.
     */
    @SuppressWarnings("unchecked")
    static List<Message> releaseDue(int limit, Instant giveUpAt, String optedOutReason) {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages m SET
                            status = CASE WHEN c.opted_out THEN 'cancelled' ELSE 'queued' END,
                            error_message = CASE WHEN c.opted_out THEN :optedOut END,
                            created_at = CASE WHEN c.opted_out THEN m.created_at ELSE now() END,
                            give_up_at = :giveUpAt, next_attempt_at = NULL, attempts = 0, updated_at = now()
                        FROM (SELECT q.id FROM messages q
                              WHERE q.status = 'scheduled' AND q.send_at <= now()
                              ORDER BY q.send_at, q.id
                              LIMIT :limit
                              FOR UPDATE OF q SKIP LOCKED) due, openphone_conversations c
                        WHERE m.id = due.id AND c.id = m.conversation_id
                        RETURNING m.*""", Message.class)
                .setParameter("optedOut", optedOutReason)
                .setParameter("giveUpAt", giveUpAt)
                .setParameter("limit", limit)
                .getResultList();
    }

    /**
     * Cancels a conversation's scheduled messages written before the customer's text at {@code repliedAt},
     * except those meant to go out even so. Returns their ids.
     */
    @SuppressWarnings("unchecked")
    static List<Number> cancelOnReply(long conversationId, Instant repliedAt, String reason) {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages SET status = 'cancelled', error_message = :reason, updated_at = now()
                        WHERE conversation_id = :conversation AND status = 'scheduled'
                          AND NOT send_even_if_reply AND scheduled_at < :at
                        RETURNING id""")
                .setParameter("reason", reason)
                .setParameter("conversation", conversationId)
                .setParameter("at", repliedAt)
                .getResultList();
    }

    /** Cancels every scheduled message of a conversation (the customer opted out). Returns their ids. */
    @SuppressWarnings("unchecked")
    static List<Number> cancelAll(long conversationId, String reason) {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages SET status = 'cancelled', error_message = :reason, updated_at = now()
                        WHERE conversation_id = :conversation AND status = 'scheduled'
                        RETURNING id""")
                .setParameter("reason", reason)
                .setParameter("conversation", conversationId)
                .getResultList();
    }

    /** Scheduled messages in send order after {@code after}, on the given lines (null: every line). */
    static List<Message> page(List<String> lines, Long conversationId, Cursor after, int limit) {
        List<String> where = new ArrayList<>();
        where.add("status = :status");
        Parameters parameters = Parameters.with("status", MessageStatus.SCHEDULED);
        if (lines != null) {
            where.add("conversationId in (select c.id from Conversation c where c.lineNumber in :lines)");
            parameters.and("lines", lines);
        }
        if (conversationId != null) {
            where.add("conversationId = :conversation");
            parameters.and("conversation", conversationId);
        }
        if (after != null) {
            where.add("(sendAt > :at or (sendAt = :at and id > :id))");
            parameters.and("at", after.at()).and("id", after.id());
        }
        return Message.<Message>find(String.join(" and ", where) + " order by sendAt, id", parameters)
                .page(0, limit)
                .list();
    }
}
