package com.clubos.messages.api;

/** Parses numeric query parameters with errors that name the parameter. */
public final class QueryParams {

    private QueryParams() {}

    /**
     * A page size: absent → {@code defaultValue}; above {@code max} → {@code max}; not a whole
     * number or below 1 → 400.
     */
    public static int limit(String value, String name, int defaultValue, int max) {
        if (value == null || value.isBlank()) {
            return Math.min(defaultValue, max);
        }
        long parsed = wholeNumber(value, name);
        if (parsed < 1) {
            throw ApiException.badRequest(name + " must be at least 1");
        }
        return (int) Math.min(parsed, max);
    }

    /** An offset: absent → 0; negative or not a whole number → 400. */
    public static int offset(String value, String name) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        long parsed = wholeNumber(value, name);
        if (parsed < 0 || parsed > Integer.MAX_VALUE) {
            throw ApiException.badRequest(name + " must be between 0 and " + Integer.MAX_VALUE);
        }
        return (int) parsed;
    }

    private static long wholeNumber(String value, String name) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a whole number");
        }
    }
}
