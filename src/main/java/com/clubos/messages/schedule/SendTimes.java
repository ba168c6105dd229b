package com.clubos.messages.schedule;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Reads a requested send time: ISO 8601 with an offset ({@code 2026-12-24T09:00:00-04:00} or {@code …Z}),
 * between SCHEDULED_MIN_LEAD and SCHEDULED_MAX_LEAD from now. A time without an offset is refused: the
 * server cannot guess which clock staff meant.
 */
@ApplicationScoped
public class SendTimes {

    /** A send time, or the problem with it (naming the field), never both. */
    public record Parsed(Instant at, String problem) {}

    private final ScheduleConfig config;

    public SendTimes(ScheduleConfig config) {
        this.config = config;
    }

    public Optional<Parsed> parse(String raw, Instant now) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        Instant at;
        try {
            at = OffsetDateTime.parse(raw.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            return Optional.of(
                    problem("sendAt: not an ISO 8601 date-time with an offset (e.g. 2026-12-24T09:00:00-04:00)"));
        }
        if (at.isBefore(now.plus(config.minLead()))) {
            return Optional.of(problem("sendAt: must be at least " + describe(config.minLead())
                    + " from now (to send at once, leave sendAt out)"));
        }
        if (at.isAfter(now.plus(config.maxLead()))) {
            return Optional.of(
                    problem("sendAt: must be at most " + config.maxLead().toDays() + " days ahead"));
        }
        return Optional.of(new Parsed(at, null));
    }

    private static Parsed problem(String text) {
        return new Parsed(null, text);
    }

    private static String describe(java.time.Duration lead) {
        if (lead.toSeconds() < 60 || lead.toSeconds() % 60 != 0) {
            return lead.toSeconds() + " seconds";
        }
        return lead.toMinutes() == 1 ? "1 minute" : lead.toMinutes() + " minutes";
    }
}
