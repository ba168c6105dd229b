package com.clubos.messages.history;

import com.clubos.messages.api.Json;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.phone.PhoneNumbers;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one ClubOS row's JSON array one element at a time, defensively: written by the plan's code
 * ({@code text}, {@code to} a string, {@code failed_<millis>} ids) or by the older webhook handler
 * ({@code body}/{@code content}, {@code incoming}/{@code outgoing}, arrays for {@code from}/{@code to},
 * {@code created_at}). An element without a usable time takes the previous element's time plus a
 * microsecond (the row's own time for the first), so the array's order is kept and re-runs agree.
 */
final class LegacyElements {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern OPENPHONE_ID = Pattern.compile("AC[A-Za-z0-9]{1,62}");
    private static final int MAX_TEXT = 20_000;
    private static final int MAX_ERROR = 500;
    static final String FAILED_PREFIX = "failed_";

    /** One element: a message to store, or why it cannot be. */
    record Parsed(HistoryMessage message, String skipReason) {}

    interface ElementHandler {
        void element(int index, Parsed parsed) throws Exception;
    }

    /** The row's {@code messages} is not a JSON array (an object, a string, broken JSON). */
    static final class NotAnArray extends Exception {
        /** The element at which reading broke off (0: nothing of the value was usable). */
        final int index;

        NotAnArray(String what, int index) {
            super(what, null, false, false);
            this.index = index;
        }
    }

    private final PhoneNumbers phones;

    LegacyElements(PhoneNumbers phones) {
        this.phones = phones;
    }

    /** Hands every element of the row's array to the handler, in order. A NULL column has none. */
    void read(LegacyRow row, String customer, String line, ElementHandler handler) throws Exception {
        if (row.messagesJson() == null) {
            return;
        }
        try (JsonParser parser = MAPPER.createParser(row.messagesJson())) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.VALUE_STRING && parser.getText().strip().startsWith("[")) {
                // Encoded twice (a JSON string holding the array): read the array inside.
                read(row.withMessages(parser.getText()), customer, line, handler);
                return;
            }
            if (first != JsonToken.START_ARRAY) {
                throw new NotAnArray(first == null ? "empty" : describe(first), 0);
            }
            Instant previous = null;
            int index = 0;
            try {
                for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                    if (token == null) {
                        throw new NotAnArray("cut-off JSON after " + index + " element(s)", index);
                    }
                    JsonNode element = parser.readValueAsTree();
                    Parsed parsed = parse(element, row, customer, line, previous);
                    if (parsed.message() != null) {
                        previous = parsed.message().createdAt();
                    }
                    handler.element(index++, parsed);
                }
            } catch (IOException e) {
                throw new NotAnArray("broken JSON after " + index + " element(s)", index);
            }
        } catch (IOException e) {
            throw new NotAnArray("not valid JSON", 0);
        }
    }

    /** How many elements the row's array holds (for a row skipped whole), or 1 for a value that is no array. */
    static int count(LegacyRow row) {
        if (row.messagesJson() == null) {
            return 0;
        }
        try (JsonParser parser = MAPPER.createParser(row.messagesJson())) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return 1;
            }
            int count = 0;
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                parser.skipChildren();
                count++;
            }
            return count;
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    private Parsed parse(JsonNode element, LegacyRow row, String customer, String line, Instant previous) {
        if (!element.isObject()) {
            return skip("not an object (" + element.getNodeType().name().toLowerCase(Locale.ROOT) + ")");
        }
        String id = firstText(element, "id", "messageId", "message_id");
        boolean failed =
                id != null && id.startsWith(FAILED_PREFIX) || "failed".equalsIgnoreCase(firstText(element, "status"));
        String text = firstText(element, "text", "body", "content");
        String media = media(element.path("media"));
        if (text == null && media == null) {
            boolean present = element.has("text") || element.has("body") || element.has("content");
            return skip(present ? "its text is not a string" : "it has no text");
        }
        if (text != null && text.length() > MAX_TEXT) {
            return skip("its text is longer than " + MAX_TEXT + " characters");
        }
        Optional<MessageDirection> direction = direction(element, customer, line, failed);
        if (direction.isEmpty()) {
            String said = firstText(element, "direction");
            return skip(
                    said == null
                            ? "it has no direction and its from/to name neither party"
                            : "direction '" + clip(said, 40) + "' is not inbound, outbound, incoming or outgoing");
        }
        Instant fallback = previous != null ? previous.plus(1, ChronoUnit.MICROS) : row.fallbackTime();
        Instant at = time(element).orElse(fallback);
        if (at == null) {
            return skip("it has no time and the row has neither created_at nor updated_at");
        }
        String openphoneId = id != null && OPENPHONE_ID.matcher(id).matches() ? id : null;
        MessageStatus status = status(direction.get(), failed, firstText(element, "status"));
        String error = status == MessageStatus.FAILED
                ? Optional.ofNullable(firstText(element, "error", "errorMessage", "error_message"))
                        .map(e -> clip(e, MAX_ERROR))
                        .orElse("Not sent (failed in ClubOS before the switch)")
                : null;
        return new Parsed(
                new HistoryMessage(
                        line,
                        customer,
                        openphoneId,
                        direction.get(),
                        text == null ? "" : text,
                        media,
                        status,
                        error,
                        at),
                null);
    }

    private Optional<MessageDirection> direction(JsonNode element, String customer, String line, boolean failed) {
        String said = firstText(element, "direction");
        if (said != null) {
            switch (said.strip().toLowerCase(Locale.ROOT)) {
                case "inbound", "incoming", "received" -> {
                    return Optional.of(MessageDirection.INBOUND);
                }
                case "outbound", "outgoing", "sent" -> {
                    return Optional.of(MessageDirection.OUTBOUND);
                }
                default -> {} // fall through to what the numbers say
            }
        }
        Optional<String> from = number(element.path("from"));
        Optional<String> to = number(element.path("to"));
        if (from.filter(customer::equals).isPresent() || to.filter(line::equals).isPresent()) {
            return Optional.of(MessageDirection.INBOUND);
        }
        if (to.filter(customer::equals).isPresent() || from.filter(line::equals).isPresent() || failed) {
            return Optional.of(MessageDirection.OUTBOUND);
        }
        return Optional.empty();
    }

    private static MessageStatus status(MessageDirection direction, boolean failed, String said) {
        if (direction == MessageDirection.INBOUND) {
            return MessageStatus.RECEIVED;
        }
        if (failed) {
            return MessageStatus.FAILED;
        }
        // Whatever else ClubOS said (queued, sending…), the text was handed to OpenPhone long ago.
        return MessageStatus.parse(said)
                .filter(s -> s == MessageStatus.DELIVERED || s == MessageStatus.UNDELIVERED)
                .orElse(MessageStatus.SENT);
    }

    private static Optional<Instant> time(JsonNode element) {
        for (String field : new String[] {"createdAt", "created_at", "timestamp", "date"}) {
            JsonNode value = element.path(field);
            Optional<Instant> time = value.isNumber()
                    ? LegacyTimes.epoch(value.asDouble())
                    : value.isTextual() ? LegacyTimes.parse(value.asText()) : Optional.empty();
            if (time.isPresent()) {
                return time;
            }
        }
        return Optional.empty();
    }

    /** A number given as a string or as an array of strings (the first valid one). */
    private Optional<String> number(JsonNode value) {
        if (value.isTextual()) {
            return phones.toE164(value.asText());
        }
        if (value.isArray()) {
            for (JsonNode item : value) {
                Optional<String> number = item.isTextual() ? phones.toE164(item.asText()) : Optional.empty();
                if (number.isPresent()) {
                    return number;
                }
            }
        }
        return Optional.empty();
    }

    /** The media list as JSON ({@code [{url, type}]}), or null when there is none. */
    private static String media(JsonNode media) {
        if (!media.isArray()) {
            return null;
        }
        List<Map<String, Object>> items = new ArrayList<>();
        for (JsonNode item : media) {
            String url = item.isTextual()
                    ? item.asText()
                    : item.path("url").isTextual() ? item.path("url").asText() : null;
            if (url != null && !url.isBlank()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("url", clip(url, 2000));
                if (item.path("type").isTextual()) {
                    entry.put("type", clip(item.path("type").asText(), 100));
                }
                items.add(entry);
            }
        }
        return items.isEmpty() ? null : Json.write(items);
    }

    private static String firstText(JsonNode element, String... fields) {
        for (String field : fields) {
            JsonNode value = element.path(field);
            if (value.isTextual() && !value.asText().isBlank()) {
                return value.asText();
            }
        }
        return null;
    }

    private static Parsed skip(String reason) {
        return new Parsed(null, reason);
    }

    private static String describe(JsonToken token) {
        return switch (token) {
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NULL -> "null";
            default ->
                "a "
                        + token.name()
                                .toLowerCase(Locale.ROOT)
                                .replace("value_", "")
                                .replace('_', ' ');
        };
    }

    static String clip(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length) + "…";
    }
}
