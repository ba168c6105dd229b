package com.clubos.messages.history;

import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import java.time.Instant;

/**
 * One message of history, ready to store: in the conversation between {@code line} and
 * {@code customer}; {@code openphoneId} is null when the source had no OpenPhone id.
 */
public record HistoryMessage(
        String line,
        String customer,
        String openphoneId,
        MessageDirection direction,
        String body,
        String mediaJson,
        MessageStatus status,
        String error,
        Instant createdAt) {

    public String from() {
        return direction == MessageDirection.INBOUND ? customer : line;
    }

    public String to() {
        return direction == MessageDirection.INBOUND ? line : customer;
    }
}
