package com.clubos.messages.conversation;

/** Fired in the transaction that added an internal note; pushed to clients like message changes. */
public record NoteAdded(long noteId, long conversationId) {}
