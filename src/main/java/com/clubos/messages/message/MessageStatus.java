package com.clubos.messages.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a message stands. The database function {@code message_status_rank} orders them the same
 * way, and an update only moves a message to a higher rank.
 */
public enum MessageStatus {
    /** Written for later: released to the queue at its send time (schedule/ScheduledRelease). */
    SCHEDULED,
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    RECEIVED,
    /** A scheduled text that never left: staff cancelled it, the customer replied first or opted out. */
    CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (MessageStatus status : values()) {
            if (status.wire().equalsIgnoreCase(value.strip())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
