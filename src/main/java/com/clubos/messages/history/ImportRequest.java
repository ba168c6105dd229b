package com.clubos.messages.history;

/**
 * {@code {"source":"clubos"}} or {@code {"source":"openphone","since":"2025-01-01T00:00:00Z"}}; without
 * {@code since} the OpenPhone backfill reads the whole history.
 */
public record ImportRequest(String source, String since) {}
