package com.clubos.messages.conversation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Whether a conversation still needs the team: an inbound text reopens a done one. */
public enum InboxStatus {
    OPEN,
    DONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<InboxStatus> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (InboxStatus status : values()) {
            if (status.wire().equalsIgnoreCase(value.strip())) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }
}
