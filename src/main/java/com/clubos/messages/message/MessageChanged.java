package com.clubos.messages.message;

/**
 * Fired in the transaction that changed a message; observers that push to browsers listen with
 * {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} so only committed changes go out.
 */
public record MessageChanged(Kind kind, long messageId, long conversationId) {

    public enum Kind {
        CREATED,
        STATUS,
        /** Its text or send time changed (a scheduled message edited). */
        UPDATED
    }
}
