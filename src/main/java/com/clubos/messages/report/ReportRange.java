package com.clubos.messages.report;

import com.clubos.messages.api.ApiException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The range a report covers, [from, to), in the viewer's time zone, and the previous range of the same
 * length just before it. A date means whole days in that zone ({@code to} included); a date-time with
 * an offset is exact ({@code to} excluded); a date-time without offset is read in the zone. Whole-day
 * ranges are compared with the same number of whole days before them, whatever DST did to their hours.
 */
public record ReportRange(ZoneId zone, Instant from, Instant to, Instant previousFrom) {

    static final int MAX_DAYS = 400;
    static final int DEFAULT_DAYS = 30;
    private static final String FORMATS = "a date (2025-03-31) or a date-time (2025-03-31T17:00:00-03:00)";

    public Instant previousTo() {
        return from;
    }

    /** The previous range as a range of its own. */
    public ReportRange previous() {
        return new ReportRange(zone, previousFrom, from, previousFrom.minus(Duration.between(previousFrom, from)));
    }

    public String fromText() {
        return format(from);
    }

    public String toText() {
        return format(to);
    }

    String format(Instant instant) {
        return instant.atZone(zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** From the request's parameters; anything wrong is a 400 naming the parameter. */
    public static ReportRange parse(String from, String to, String tz, ZoneId defaultZone, Instant now) {
        ZoneId zone = zone(tz, defaultZone);
        ZonedDateTime end =
                blank(to) ? LocalDate.ofInstant(now, zone).plusDays(1).atStartOfDay(zone) : point("to", to, zone, true);
        ZonedDateTime start = blank(from) ? end.minusDays(DEFAULT_DAYS) : point("from", from, zone, false);
        if (!start.isBefore(end)) {
            throw ApiException.badRequest(
                    "from: must be before to (" + format(start) + " is not before " + format(end) + ")");
        }
        if (start.plusDays(MAX_DAYS).isBefore(end)) {
            throw ApiException.badRequest("to: a report spans at most " + MAX_DAYS + " days");
        }
        ZonedDateTime previous = wholeDays(start, end)
                ? start.minusDays(ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()))
                : start.minus(Duration.between(start, end));
        return new ReportRange(zone, start.toInstant(), end.toInstant(), previous.toInstant());
    }

    private static boolean wholeDays(ZonedDateTime start, ZonedDateTime end) {
        return start.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && end.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    }

    static ZoneId zone(String tz, ZoneId defaultZone) {
        if (blank(tz)) {
            return defaultZone;
        }
        String name = tz.strip();
        if (!name.equals("UTC") && !ZoneId.getAvailableZoneIds().contains(name)) {
            throw ApiException.badRequest(
                    "tz: unknown time zone '" + shorten(name) + "'; use an IANA name such as America/Halifax");
        }
        return ZoneId.of(name);
    }

    private static ZonedDateTime point(String name, String value, ZoneId zone, boolean endOfDay) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone);
            }
            try {
                return OffsetDateTime.parse(text).atZoneSameInstant(zone);
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(text).atZone(zone);
            }
        } catch (DateTimeException e) {
            throw ApiException.badRequest(name + ": '" + shorten(text) + "' is not " + FORMATS);
        }
    }

    private static String format(ZonedDateTime time) {
        return time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String shorten(String value) {
        return value.length() > 60 ? value.substring(0, 60) + "…" : value;
    }
}
