package com.clubos.messages.conversation;

/**
 * What the conversation list shows: {@code search} as before; {@code assignee} null for everyone's,
 * {@link #UNASSIGNED} for nobody's, else a staff id; {@code status} null for both open and done.
 */
public record ConversationFilter(String search, String assignee, InboxStatus status) {

    public static final String UNASSIGNED = "";

    public static ConversationFilter all() {
        return new ConversationFilter(null, null, null);
    }
}
