package com.clubos.messages.openphone;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.Json;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.ObservedMessage;
import com.clubos.messages.phone.PhoneNumbers;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads OpenPhone's webhook JSON defensively: the event may be wrapped once more in
 * {"object": {…}}, the text is in {@code text} or {@code body}, {@code to} is a string or an array,
 * and unknown fields are ignored. Anything unusable is a 400 naming the field.
 */
@ApplicationScoped
public class WebhookParser {

    private static final int MAX_NESTING = 32;
    // The widths of the columns these values are stored in.
    private static final int MAX_EVENT_ID = 100;
    private static final int MAX_TYPE = 64;
    private static final int MAX_MESSAGE_ID = 64;
    private static final int MAX_NUMBER_TEXT = 40;
    private static final Pattern SHORT_CODE_OR_SENDER_ID = Pattern.compile("\\d{3,8}|(?=.*[A-Za-z])[A-Za-z0-9]{1,11}");

    private final ObjectMapper mapper;
    private final PhoneNumbers phoneNumbers;

    public WebhookParser(ObjectMapper mapper, PhoneNumbers phoneNumbers) {
        this.mapper = mapper.copy();
        this.mapper
                .getFactory()
                .setStreamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .build());
        this.phoneNumbers = phoneNumbers;
    }

    private static final Pattern SURROGATE_ESCAPE = Pattern.compile("\\\\u[dD][89a-fA-F]");

    public WebhookEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("Webhook body is not valid JSON");
        } catch (IOException e) {
            throw ApiException.badRequest("Webhook body could not be read");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest("Webhook body must be a JSON object");
        }
        JsonNode event = !root.has("type") && root.path("object").isObject() ? root.get("object") : root;
        String id = requiredText(event, "id", "id", MAX_EVENT_ID);
        String type = requiredText(event, "type", "type", MAX_TYPE);
        JsonNode object = event.path("data").path("object");
        String json = event == root ? storable(body, event) : Json.write(event);
        return new WebhookEvent(
                id, type, instant(event.path("createdAt"), "createdAt", Instant.now()), object, event, json);
    }

    /**
     * The bytes received, unless they hold an escaped UTF-16 surrogate: a text cut in the middle of an emoji
     * can arrive as a lone escaped high surrogate, which is valid JSON that PostgreSQL's jsonb refuses, so
     * the event would fail on every retry. Then the tree is written out again (a lone surrogate is stored
     * as '?', as before the raw bytes were kept).
     */
    private static String storable(byte[] body, JsonNode event) {
        String raw = new String(body, StandardCharsets.UTF_8);
        return SURROGATE_ESCAPE.matcher(raw).find() ? Json.write(event) : raw;
    }

    /** The message inside a message.received / message.delivered event. */
    public ObservedMessage message(WebhookEvent event) {
        JsonNode m = event.object();
        if (!m.isObject()) {
            throw ApiException.badRequest("Webhook field data.object is missing");
        }
        String id = requiredText(m, "id", "data.object.id", MAX_MESSAGE_ID);
        String from = number(requiredText(m, "from", "data.object.from", MAX_NUMBER_TEXT), "data.object.from");
        String to = number(firstRecipient(m.path("to")), "data.object.to");
        String directionField = m.path("direction").asText("");
        MessageDirection direction = directionField.isBlank()
                ? ("message.received".equals(event.type()) ? MessageDirection.INBOUND : MessageDirection.OUTBOUND)
                : MessageDirection.fromOpenPhone(directionField);
        JsonNode textNode = m.hasNonNull("text") ? m.get("text") : m.path("body");
        if (!textNode.isMissingNode() && !textNode.isNull() && !textNode.isTextual()) {
            throw ApiException.badRequest("Webhook field data.object.text must be a string");
        }
        String text = textNode.isTextual() ? textNode.asText() : "";
        List<Map<String, Object>> media = media(m.path("media"));
        if (text.isEmpty() && media.isEmpty()) {
            throw ApiException.badRequest("Webhook field data.object.text is missing");
        }
        MessageStatus status = direction == MessageDirection.INBOUND
                ? MessageStatus.RECEIVED
                : MessageStatus.parse(m.path("status").asText()).orElse(MessageStatus.DELIVERED);
        // PostgreSQL keeps microseconds; truncating here keeps keyset cursors exact.
        Instant createdAt = instant(m.path("createdAt"), "data.object.createdAt", event.createdAt())
                .truncatedTo(ChronoUnit.MICROS);
        return new ObservedMessage(id, direction, from, to, text, media, status, createdAt);
    }

    private String firstRecipient(JsonNode to) {
        JsonNode first = to.isArray() ? to.path(0) : to;
        if (!first.isTextual() || first.asText().isBlank()) {
            throw ApiException.badRequest("Webhook field data.object.to is missing");
        }
        if (first.asText().length() > MAX_NUMBER_TEXT) {
            throw ApiException.badRequest("Webhook field data.object.to is not a phone number");
        }
        return first.asText();
    }

    /**
     * E.164 when it is a valid number; otherwise kept as written only if it is a short code or an
     * alphanumeric sender id (texts from businesses), which have no E.164 form.
     */
    private String number(String raw, String path) {
        return phoneNumbers.toE164(raw).orElseGet(() -> {
            String sender = raw.strip();
            if (!SHORT_CODE_OR_SENDER_ID.matcher(sender).matches()) {
                throw ApiException.badRequest("Webhook field " + path + " is not a phone number");
            }
            return sender;
        });
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> media(JsonNode media) {
        List<Map<String, Object>> items = new ArrayList<>();
        if (media.isArray()) {
            media.forEach(item -> {
                if (item.isObject()) {
                    items.add(mapper.convertValue(item, Map.class));
                }
            });
        }
        return items;
    }

    private static String requiredText(JsonNode node, String field, String path, int maxLength) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isBlank()) {
            throw ApiException.badRequest("Webhook field " + path + " is missing");
        }
        if (value.asText().length() > maxLength) {
            throw ApiException.badRequest("Webhook field " + path + " is longer than " + maxLength + " characters");
        }
        return value.asText();
    }

    private static Instant instant(JsonNode value, String path, Instant fallback) {
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        try {
            return Instant.parse(value.asText());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("Webhook field " + path + " is not an ISO-8601 time");
        }
    }
}
