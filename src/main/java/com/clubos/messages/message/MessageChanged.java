package com.clubos.messages.message;

/**
 * Fired in the transaction that changed a message; observers that push to browsers listen with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} so only committed changes go out.
 * {@code feedSeq} is the change feed's row when the writing statement already appended it (the
 * one-statement insert of {@link TextInsert}); null when the feed's recorder is to append it.
 */
public record MessageChanged(Kind kind, long messageId, long conversationId, Long feedSeq) {

    public MessageChanged(Kind kind, long messageId, long conversationId) {
        this(kind, messageId, conversationId, null);
    }

    public enum Kind {
        CREATED,
        STATUS,
        /** Its text or send time changed (a scheduled message edited). */
        UPDATED
    }
}
