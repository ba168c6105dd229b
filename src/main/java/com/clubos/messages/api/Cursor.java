package com.clubos.messages.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A keyset position (time, id) handed to clients as an opaque string, so that paging stays fast
 * and never skips or repeats rows when new rows arrive at the head.
 */
public record Cursor(Instant at, long id) {

    public String encode() {
        String raw = at.getEpochSecond() + ":" + at.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Parses a cursor from a client; a malformed one is a 400 naming the parameter. */
    public static Cursor decode(String value, String parameterName) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            String[] parts = raw.split(":");
            if (parts.length != 3) {
                throw new IllegalArgumentException();
            }
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            return new Cursor(at, Long.parseLong(parts[2]));
        } catch (RuntimeException e) {
            throw ApiException.badRequest(parameterName + ": not a valid cursor");
        }
    }
}
