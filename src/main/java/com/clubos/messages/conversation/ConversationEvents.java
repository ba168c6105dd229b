package com.clubos.messages.conversation;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Instant;

/**
 * The history of a conversation that its row forgets (table {@code conversation_events}): when it was
 * marked done or reopened, and its STOP/START keyword texts. Reports read it to tell "done" counts,
 * waiting periods and opt-outs for any past range. Each write is one statement in the caller's
 * transaction, taking the line from the conversation's row.
 */
public final class ConversationEvents {

    private static final String INSERT = """
            INSERT INTO conversation_events (conversation_id, line_number, kind, at, actor_id, actor_name, message_id)
            SELECT c.id, c.line_number, :kind, :at, CAST(:actorId AS varchar), CAST(:actorName AS varchar),
                CAST(:messageId AS bigint)
            FROM openphone_conversations c WHERE c.id = :id""";

    private ConversationEvents() {}

    /** A staff member marked the conversation done, or open again. */
    public static void statusChanged(
            long conversationId, InboxStatus status, Instant at, String actorId, String actorName) {
        insert(INSERT, conversationId, status == InboxStatus.DONE ? "done" : "reopen", at, actorId, actorName, null);
    }

    /** "Send & mark done": done at the send's time, unless the conversation was done already. */
    public static void doneBySend(long conversationId, Instant at, String actorId, String actorName, long messageId) {
        insert(INSERT + " AND c.inbox_status <> 'done'", conversationId, "done", at, actorId, actorName, messageId);
    }

    /** A customer's STOP ({@code optOut}) or START text, at the text's time; recorded once per text. */
    public static void keyword(long conversationId, boolean optOut, Instant at, long messageId) {
        insert(
                INSERT + " ON CONFLICT DO NOTHING",
                conversationId,
                optOut ? "opt_out" : "opt_in",
                at,
                null,
                null,
                messageId);
    }

    /**
     * A failed send put back in the queue may now be the answer to a waiting period: touching the
     * conversation makes reports look at it again.
     */
    public static void sendRetried(long conversationId) {
        Panache.getEntityManager()
                .createNativeQuery("UPDATE openphone_conversations SET updated_at = now() WHERE id = :id")
                .setParameter("id", conversationId)
                .executeUpdate();
    }

    private static void insert(
            String sql,
            long conversationId,
            String kind,
            Instant at,
            String actorId,
            String actorName,
            Long messageId) {
        Panache.getEntityManager()
                .createNativeQuery(sql)
                .setParameter("kind", kind)
                .setParameter("at", at)
                .setParameter("actorId", actorId)
                .setParameter("actorName", actorName)
                .setParameter("messageId", messageId)
                .setParameter("id", conversationId)
                .executeUpdate();
    }
}
