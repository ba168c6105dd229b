package com.clubos.messages.template;

import java.time.Instant;
import java.util.List;

/** A snippet as the API shows it, with the placeholders it needs. */
public record TemplateView(
        long id,
        String name,
        String body,
        List<String> placeholders,
        String createdBy,
        String updatedBy,
        Instant createdAt,
        Instant updatedAt) {

    public static TemplateView of(MessageTemplate t) {
        return new TemplateView(
                t.id, t.name, t.body, Placeholders.in(t.body), t.createdBy, t.updatedBy, t.createdAt, t.updatedAt);
    }
}
