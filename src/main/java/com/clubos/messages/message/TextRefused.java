package com.clubos.messages.message;

import java.time.Duration;
import java.util.Optional;

/**
 * The SMS provider answered a call with an error status. The message is meant for staff ("Not
 * enough credits") and never contains a key or the text's content.
 */
public class TextRefused extends RuntimeException {

    private final int httpStatus;
    private final boolean retryable;
    private final transient Optional<Duration> retryAfter;

    public TextRefused(
            String message, int httpStatus, boolean retryable, Optional<Duration> retryAfter, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
        this.retryable = retryable;
        this.retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** 429 and 5xx: the same text may be taken later. Other 4xx are final for that message. */
    public boolean retryable() {
        return retryable;
    }

    /** How long the provider asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
