package com.clubos.messages.template;

/** The body of POST /api/messages/templates/{id}/render: the conversation to fill the snippet for. */
public record RenderRequest(String to, String line) {}
