package com.clubos.messages.message;

import com.fasterxml.jackson.annotation.JsonValue;

/** Our words for a message's direction; OpenPhone says incoming/outgoing. */
public enum MessageDirection {
    INBOUND,
    OUTBOUND;

    @JsonValue
    public String wire() {
        return name().toLowerCase();
    }

    public static MessageDirection fromOpenPhone(String direction) {
        return "outgoing".equalsIgnoreCase(direction) || "outbound".equalsIgnoreCase(direction) ? OUTBOUND : INBOUND;
    }
}
