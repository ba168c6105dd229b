package com.clubos.messages.openphone;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * An OpenPhone webhook after the envelope variants are undone: {@code object} is the inner
 * {@code data.object} (a message, a call, a contact…), {@code payload} the whole event as received, and
 * {@code payloadJson} the same as the JSON text to keep (the bytes received when the event was not wrapped:
 * writing the tree out again cost CPU on every webhook).
 */
public record WebhookEvent(
        String id, String type, Instant createdAt, JsonNode object, JsonNode payload, String payloadJson) {

    public boolean isMessageEvent() {
        return "message.received".equals(type) || "message.delivered".equals(type);
    }
}
