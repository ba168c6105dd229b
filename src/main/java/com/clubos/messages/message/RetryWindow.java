package com.clubos.messages.message;

import java.time.Instant;

/**
 * When a text that OpenPhone refused for now (429, 5xx, no answer) may be tried again, beyond its
 * backoff: a marketing campaign's text waits for its recipient's quiet hours to end. The outbox asks
 * only for campaign texts, so a staff reply's retry never waits on this.
 */
public interface RetryWindow {

    /** The first instant at or after {@code due} when {@code message} may be tried again; in a transaction. */
    Instant earliestRetry(Message message, Instant due);
}
