package com.clubos.messages.message;

import io.quarkus.hibernate.orm.panache.Panache;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The SQL of the transactional outbox: outbound messages wait in {@code queued}; a replica claims
 * due ones with FOR UPDATE SKIP LOCKED (so no two replicas take the same row), marks them
 * {@code sending}, calls OpenPhone outside any transaction, then records the outcome. A text of an
 * opted-out customer is never claimed, except an automatic one (origin {@code auto}: the opt-out
 * confirmation, the HELP answer), which the rules allow.
 */
final class Outbox {

    private Outbox() {}

    /** Due messages, a person's before campaign texts (which also leave at bulk priority), oldest first. */
    @SuppressWarnings("unchecked")
    static List<Message> claimDue(int limit) {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages m SET status = 'sending', attempts = m.attempts + 1,
                            sending_started_at = now(), updated_at = now()
                        FROM (SELECT q.id FROM messages q
                              WHERE q.status = 'queued' AND q.direction = 'outbound' AND q.import_id IS NULL
                                AND (q.next_attempt_at IS NULL OR q.next_attempt_at <= now())
                                AND (q.origin = 'auto'
                                     OR NOT EXISTS (SELECT 1 FROM openphone_conversations c
                                                    WHERE c.id = q.conversation_id AND c.opted_out))
                              ORDER BY COALESCE(q.origin = 'campaign', FALSE), q.next_attempt_at NULLS FIRST, q.id
                              LIMIT :limit
                              FOR UPDATE OF q SKIP LOCKED) due
                        WHERE m.id = due.id
                        RETURNING m.*""", Message.class)
                .setParameter("limit", limit)
                .getResultList();
    }

    /**
     * Sends whose replica vanished mid-call (crash, kill -9) go back to the queue, marked for a
     * look-up at OpenPhone before any resend. Returns their ids.
     */
    @SuppressWarnings("unchecked")
    static List<Number> releaseStuck(Instant startedBefore) {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages SET status = 'queued', reconcile = TRUE, next_attempt_at = now(),
                            updated_at = now()
                        WHERE id IN (SELECT id FROM messages
                                     WHERE status = 'sending' AND sending_started_at < :before
                                     FOR UPDATE SKIP LOCKED)
                        RETURNING id""")
                .setParameter("before", startedBefore)
                .getResultList();
    }

    /**
     * Fails every send of a conversation still waiting in the queue (not one already on its way to
     * OpenPhone, which holds its row as {@code sending}). Returns their ids.
     */
    @SuppressWarnings("unchecked")
    static List<Number> cancelQueued(long conversationId, String reason) {
        return Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages SET status = 'failed', error_message = :reason, next_attempt_at = NULL,
                            updated_at = now()
                        WHERE conversation_id = :conversation AND direction = 'outbound' AND status = 'queued'
                        RETURNING id""")
                .setParameter("reason", reason)
                .setParameter("conversation", conversationId)
                .getResultList();
    }

    /** OpenPhone accepted the message: keep its id (unless an early receipt already set it). */
    static void recordAccepted(long id, String openphoneId) {
        Panache.getEntityManager()
                .createNativeQuery("""
                        UPDATE messages SET openphone_id = COALESCE(openphone_id, :openphoneId), reconcile = FALSE,
                            error_message = NULL, next_attempt_at = NULL, updated_at = now()
                        WHERE id = :id""")
                .setParameter("openphoneId", openphoneId)
                .setParameter("id", id)
                .executeUpdate();
    }

    /**
     * Back to the queue for another try at {@code at}; only from {@code sending}. The deadline moves
     * by {@code deadlineMoves} (a retry held back by quiet hours keeps the retries it had left).
     */
    static boolean requeue(long id, Instant at, Duration deadlineMoves, String error, boolean reconcile) {
        return Panache.getEntityManager()
                        .createNativeQuery("""
                        UPDATE messages SET status = 'queued', next_attempt_at = :at, error_message = :error,
                            give_up_at = give_up_at + make_interval(secs => :deadlineMoves),
                            reconcile = reconcile OR :reconcile, updated_at = now()
                        WHERE id = :id AND status = 'sending'""")
                        .setParameter("at", at)
                        .setParameter("deadlineMoves", deadlineMoves.toMillis() / 1000.0)
                        .setParameter("error", error)
                        .setParameter("reconcile", reconcile)
                        .setParameter("id", id)
                        .executeUpdate()
                == 1;
    }

    /** A staff retry of a failed message: a fresh start with a new deadline. */
    static boolean retryFailed(long id, Instant giveUpAt) {
        return Panache.getEntityManager()
                        .createNativeQuery("""
                        UPDATE messages SET status = 'queued', attempts = 0, next_attempt_at = NULL,
                            error_message = NULL, give_up_at = :giveUpAt, updated_at = now()
                        WHERE id = :id AND status = 'failed' AND direction = 'outbound' AND import_id IS NULL""")
                        .setParameter("giveUpAt", giveUpAt)
                        .setParameter("id", id)
                        .executeUpdate()
                == 1;
    }

    /**
     * Texts a staff member sent or scheduled since then. A scheduled text counts when it was scheduled,
     * not again when it leaves (its created_at then becomes its release time).
     */
    static long sentByUserSince(String userId, Instant since) {
        // Native, one statement: the HQL counts' query set-up was a tenth of a send's CPU (issue 19's profile).
        return ((Number) Panache.getEntityManager()
                        .createNativeQuery("""
                                SELECT count(*) FILTER (WHERE scheduled_at IS NULL AND created_at > :since)
                                     + count(*) FILTER (WHERE scheduled_at > :since)
                                FROM messages WHERE sent_by_id = :user
                                  AND (created_at > :since OR scheduled_at > :since)""")
                        .setParameter("user", userId)
                        .setParameter("since", since)
                        .getSingleResult())
                .longValue();
    }

    /** Seconds the oldest waiting message has waited; 0 when none waits. */
    static double oldestAgeSeconds() {
        Number age = (Number) Panache.getEntityManager().createNativeQuery("""
                        SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)
                        FROM messages WHERE status IN ('queued', 'sending')""").getSingleResult();
        return age.doubleValue();
    }

    static long depth() {
        return Message.count("status in (?1, ?2)", MessageStatus.QUEUED, MessageStatus.SENDING);
    }
}
