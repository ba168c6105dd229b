package com.clubos.messages.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** JSON text for values bound into native SQL (jsonb columns), and back. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    private static final TypeReference<List<Map<String, Object>>> LIST_OF_OBJECTS = new TypeReference<>() {};

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Value cannot be written as JSON", e);
        }
    }

    /** A jsonb array of objects as read from a column; null and "[]" (most rows) cost no parsing. */
    public static List<Map<String, Object>> readListOfObjects(String json) {
        if (json == null || json.equals("[]")) {
            return List.of();
        }
        try {
            return MAPPER.readValue(json, LIST_OF_OBJECTS);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Column is not a JSON array of objects", e);
        }
    }
}
