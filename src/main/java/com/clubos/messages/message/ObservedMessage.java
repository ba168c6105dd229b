package com.clubos.messages.message;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A message as OpenPhone reported it in a webhook, numbers already in E.164 where valid. */
public record ObservedMessage(
        String openphoneId,
        MessageDirection direction,
        String from,
        String to,
        String text,
        List<Map<String, Object>> media,
        MessageStatus status,
        Instant createdAt) {

    /** Our OpenPhone line: the receiving number of an inbound text, the sender of an outbound one. */
    public String line() {
        return direction == MessageDirection.INBOUND ? to : from;
    }

    public String customer() {
        return direction == MessageDirection.INBOUND ? from : to;
    }
}
