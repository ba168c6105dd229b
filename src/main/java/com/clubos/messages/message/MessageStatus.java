package com.clubos.messages.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a message stands. The database function {@code message_status_rank} orders them the same
 * way, and an update only moves a message to a higher rank.
 */
public enum MessageStatus {
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    UNDELIVERED,
    FAILED,
    RECEIVED;

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
