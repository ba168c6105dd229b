package com.clubos.messages.openphone;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An OpenPhone webhook after the envelope variants are undone: {@code object} is the inner
 * {@code data.object} (a message, a call, a contact…), {@code payload} the whole event as received.
 */
public record WebhookEvent(String id, String type, Instant createdAt, JsonNode object, JsonNode payload) {

    public boolean isMessageEvent() {
        return "message.received".equals(type) || "message.delivered".equals(type);
    }
}
