package com.clubos.messages.template;

/** The body of POST/PUT /api/messages/templates: {"name": "…", "body": "Hi {{first_name}}, …"}. */
public record TemplateRequest(String name, String body) {}
