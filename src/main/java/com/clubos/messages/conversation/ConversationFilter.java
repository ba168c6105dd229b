package com.clubos.messages.conversation;

import com.clubos.messages.line.LineScope;

/**
 * What the conversation list shows: {@code search} as before; {@code assignee} null for everyone's,
 * {@link #UNASSIGNED} for nobody's, else a staff id; {@code status} null for both open and done;
 * {@code line} null for every line the caller's {@code scope} holds, else that one line.
 */
public record ConversationFilter(String search, String assignee, InboxStatus status, String line, LineScope scope) {

    public static final String UNASSIGNED = "";

    public ConversationFilter(String search, String assignee, InboxStatus status) {
        this(search, assignee, status, null, LineScope.EVERY_LINE);
    }

    public static ConversationFilter all() {
        return new ConversationFilter(null, null, null);
    }
}
