package com.clubos.messages.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Times as ClubOS wrote them: ISO-8601 with or without zone (no zone: UTC), with a space instead of
 * the T, or epoch milliseconds/seconds. Only plausible ones count: a time before 2000 or in the future
 * (which would stay the conversation's "last message" forever) is treated as missing.
 */
final class LegacyTimes {

    private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    private static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private LegacyTimes() {}

    static Optional<Instant> parse(String text) {
        String value = text == null ? "" : text.strip();
        if (value.isEmpty() || value.length() > 64) {
            return Optional.empty();
        }
        if (value.matches("\\d{9,14}(\\.\\d+)?")) {
            return epoch(Double.parseDouble(value));
        }
        String iso = value.replaceFirst("^(\\d{4}-\\d{2}-\\d{2}) ", "$1T").replaceFirst(" ?([+-]\\d{2})$", "$1:00");
        try {
            return plausible(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException notWithZone) {
            try {
                return plausible(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notATime) {
                return Optional.empty();
            }
        }
    }

    static Optional<Instant> epoch(double number) {
        if (!Double.isFinite(number) || number <= 0) {
            return Optional.empty();
        }
        long millis = number >= MILLIS_THRESHOLD ? (long) number : (long) (number * 1000);
        return plausible(Instant.ofEpochMilli(millis));
    }

    static Optional<Instant> plausible(Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(Instant.now().plus(FUTURE_TOLERANCE))) {
            return Optional.empty();
        }
        return Optional.of(time.truncatedTo(ChronoUnit.MICROS));
    }
}
