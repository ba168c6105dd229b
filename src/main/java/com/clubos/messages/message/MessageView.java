package com.clubos.messages.message;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A message as the API and the pages show it (the plan's field names: text, from, to, createdAt);
 * {@code origin} says why it was written when no person wrote it then, {@code campaign} names its bulk send.
 * Registered for reflection because {@code EventRenderer} also writes it to WebSocket clients through
 * the ObjectMapper directly (native image).
 */
@RegisterForReflection(registerFullHierarchy = true)
public record MessageView(
        long id,
        long conversationId,
        String text,
        MessageDirection direction,
        String from,
        String to,
        MessageStatus status,
        String error,
        List<Map<String, Object>> media,
        String sentBy,
        String openphoneId,
        String clientRef,
        MessageOrigin origin,
        Instant sendAt,
        boolean sendEvenIfReply,
        String campaign,
        Instant createdAt,
        Instant updatedAt) {

    public static MessageView of(Message m) {
        return new MessageView(
                m.id,
                m.conversationId,
                m.body,
                m.direction,
                m.fromNumber,
                m.toNumber,
                m.status,
                m.errorMessage,
                m.media == null ? List.of() : m.media,
                m.sentBy,
                m.openphoneId,
                m.clientRef,
                m.origin,
                m.sendAt,
                m.sendEvenIfReply,
                m.campaignName,
                m.createdAt,
                m.updatedAt);
    }
}
