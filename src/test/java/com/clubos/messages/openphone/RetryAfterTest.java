package com.clubos.messages.openphone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2025-06-01T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void secondsAndHttpDatesAreRead() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryAfter.parse("3", clock));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryAfter.parse("Sun, 01 Jun 2025 12:00:30 GMT", clock));
        assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("Sun, 01 Jun 2025 11:00:00 GMT", clock));
    }

    @Test
    void absentOrUnreadableIsEmpty() {
        assertEquals(Optional.empty(), RetryAfter.parse(null, clock));
        assertEquals(Optional.empty(), RetryAfter.parse(" ", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("soon", clock));
        assertEquals(Optional.empty(), RetryAfter.parse("-1", clock));
    }
}
