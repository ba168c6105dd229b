package com.clubos.messages.report;

import com.clubos.messages.api.ApiException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Buckets of a time series in the viewer's zone: local hours, local days (23 or 25 hours across DST),
 * weeks from Monday. Bucket starts are worked out here with java.time and handed to SQL as bounds, so
 * a repeated hour at the end of DST is two buckets and a skipped one none.
 */
public enum Grouping {
    HOUR,
    DAY,
    WEEK;

    static Grouping parse(String value) {
        if (value == null || value.isBlank()) {
            return DAY;
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("groupBy: must be hour, day or week");
        }
    }

    /** The starts of the buckets that cover the range, the first at or before its start. */
    List<ZonedDateTime> starts(ReportRange range) {
        ZonedDateTime from = range.from().atZone(range.zone());
        ZonedDateTime at = switch (this) {
            case HOUR -> from.truncatedTo(ChronoUnit.HOURS);
            case DAY -> from.toLocalDate().atStartOfDay(range.zone());
            case WEEK ->
                from.toLocalDate()
                        .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                        .atStartOfDay(range.zone());
        };
        List<ZonedDateTime> starts = new ArrayList<>();
        while (at.toInstant().isBefore(range.to())) {
            starts.add(at);
            at = next(at);
        }
        return starts;
    }

    private ZonedDateTime next(ZonedDateTime at) {
        return switch (this) {
            case HOUR -> at.plusHours(1);
            case DAY -> at.toLocalDate().plusDays(1).atStartOfDay(at.getZone());
            case WEEK -> at.toLocalDate().plusWeeks(1).atStartOfDay(at.getZone());
        };
    }

    static String[] bounds(List<ZonedDateTime> starts) {
        return starts.stream().map(s -> s.toInstant().toString()).toArray(String[]::new);
    }

    static Instant first(List<ZonedDateTime> starts) {
        return starts.get(0).toInstant();
    }
}
