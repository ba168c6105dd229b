package com.clubos.messages.message;

/** The body of POST /api/messages/send, as the plan's page sends it ({to, text}) plus optional fields. */
public record SendRequest(String to, String text, String from, String clientRef) {
}
