package com.clubos.messages.openphone;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * OpenPhone's error body:
 * {@code {"message","code","status","docs","title","errors":[{"path","message","value"}]}}.
 * Read from a JSON tree rather than bound, so that any part may be missing or oddly typed.
 *
 * @param code OpenPhone's own code, e.g. {@code 0200402} (not enough credits)
 */
public record OpenPhoneError(
        String message, String code, Integer status, String docs, String title, List<FieldError> errors) {

    /**
     * One rejected field. The rejected value is kept out on purpose: it can be the message content,
     * which must not reach logs or staff-facing errors.
     */
    public record FieldError(String path, String message) {}

    /** The error in {@code body}, or empty when the body is not an OpenPhone error object. */
    public static Optional<OpenPhoneError> from(JsonNode body) {
        if (body == null || !body.isObject()) {
            return Optional.empty();
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode list = body.path("errors");
        if (list.isArray()) {
            for (JsonNode error : list) {
                errors.add(new FieldError(text(error, "path"), text(error, "message")));
            }
        }
        JsonNode status = body.path("status");
        return Optional.of(new OpenPhoneError(
                text(body, "message"),
                text(body, "code"),
                status.canConvertToInt() ? status.asInt() : null,
                text(body, "docs"),
                text(body, "title"),
                List.copyOf(errors)));
    }

    /** The message staff should read: OpenPhone's message, then the title, each field's complaint. */
    public Optional<String> readableMessage() {
        String main = firstNonBlank(message, title);
        String fields = errors.stream()
                .filter(e -> e.message() != null && !e.message().isBlank())
                .map(e -> e.path() == null || e.path().isBlank() ? e.message() : e.path() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse(null);
        if (main == null) {
            return Optional.ofNullable(fields);
        }
        return Optional.of(fields == null ? main : main + " (" + fields + ")");
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return a.strip();
        }
        return b == null || b.isBlank() ? null : b.strip();
    }
}
