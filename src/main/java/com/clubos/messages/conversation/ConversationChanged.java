package com.clubos.messages.conversation;

/** Fired in the transaction that marked a conversation read or renamed it; see MessageChanged. */
public record ConversationChanged(Kind kind, long conversationId) {

    public enum Kind {
        READ,
        UPDATED
    }
}
