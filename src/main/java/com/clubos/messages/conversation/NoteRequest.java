package com.clubos.messages.conversation;

/** The body of POST …/notes: {"text": "…"}. */
public record NoteRequest(String text) {}
