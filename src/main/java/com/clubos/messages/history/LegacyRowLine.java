package com.clubos.messages.history;

import com.clubos.messages.phone.PhoneNumbers;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Which of our lines a ClubOS row belongs to. ClubOS keeps one row per customer with no line column,
 * but a chain's ClubOS stored every location's texts, and each element names our side in
 * {@code from} (sent) or {@code to} (received).
 */
final class LegacyRowLine {

    private final PhoneNumbers phones;

    LegacyRowLine(PhoneNumbers phones) {
        this.phones = phones;
    }

    /**
     * The first of {@code ours} an element of the row names as {@code from} or {@code to}; empty when
     * none does or the value is no readable array ({@link LegacyElements} then reports the row).
     */
    Optional<String> of(LegacyRow row, Set<String> ours) {
        if (row.messagesJson() == null) {
            return Optional.empty();
        }
        try (JsonParser parser = LegacyElements.MAPPER.createParser(row.messagesJson())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_STRING && parser.getText().strip().startsWith("[")) {
                return of(row.withMessages(parser.getText()), ours);
            }
            if (first != JsonToken.START_ARRAY) {
                return Optional.empty();
            }
            for (JsonToken token = parser.nextToken();
                    token != null && token != JsonToken.END_ARRAY;
                    token = parser.nextToken()) {
                JsonNode element = parser.readValueAsTree();
                if (element == null || !element.isObject()) {
                    continue;
                }
                for (String side : new String[] {"from", "to"}) {
                    Optional<String> line =
                            numbers(element.path(side)).filter(ours::contains).findFirst();
                    if (line.isPresent()) {
                        return line;
                    }
                }
            }
        } catch (IOException | RuntimeException unreadable) {
            // LegacyElements reports the row when it reads it
        }
        return Optional.empty();
    }

    /** Every valid number of a {@code from}/{@code to} value: a string or an array of strings. */
    private Stream<String> numbers(JsonNode value) {
        Stream<JsonNode> items = value.isArray() ? StreamSupport.stream(value.spliterator(), false) : Stream.of(value);
        return items.filter(JsonNode::isTextual)
                .map(item -> phones.toE164(item.asText()))
                .flatMap(Optional::stream);
    }
}
