package com.clubos.messages.conversation;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** An internal note as the API and the WebSocket show it. */
@RegisterForReflection
public record NoteView(long id, long conversationId, String text, String authorId, String author, Instant createdAt) {

    public static NoteView of(ConversationNote note) {
        return new NoteView(note.id, note.conversationId, note.body, note.authorId, note.authorName, note.createdAt);
    }
}
