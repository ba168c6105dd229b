package com.clubos.messages.message;

/**
 * The body of POST /api/messages/send, as the plan's page sends it ({to, text}) plus optional fields:
 * {@code markDone: true} (or OpenPhone's own {@code setInboxStatus: "done"}) also marks the
 * conversation done. {@code sendAt} (ISO 8601 with offset) schedules it instead; {@code sendEvenIfReply: true}
 * keeps a scheduled text even if the customer texts before its time.
 */
public record SendRequest(
        String to,
        String text,
        String from,
        String clientRef,
        Boolean markDone,
        String setInboxStatus,
        String sendAt,
        Boolean sendEvenIfReply) {}
