package com.clubos.messages.message;

/**
 * A send that passed validation: both numbers in E.164, and {@code from} one of our lines (null until
 * {@link SendLines} decides when the request named none). {@code sendAt} is null for a send now.
 */
public record ValidatedSend(
        String to,
        String from,
        String text,
        String clientRef,
        boolean markDone,
        java.time.Instant sendAt,
        boolean sendEvenIfReply) {

    public ValidatedSend from(String line) {
        return new ValidatedSend(to, line, text, clientRef, markDone, sendAt, sendEvenIfReply);
    }

    public boolean scheduled() {
        return sendAt != null;
    }
}
