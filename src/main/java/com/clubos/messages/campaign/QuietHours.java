package com.clubos.messages.campaign;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A daily window in which marketing texts may be sent, in the recipient's local time
 * ({@code 08:00-21:00}: from 08:00 inclusive to 21:00 exclusive; {@code 22:00-06:00} runs past
 * midnight). Pure arithmetic on java.time, so DST gaps and overlaps follow the zone's rules.
 */
public record QuietHours(LocalTime opens, LocalTime closes) {

    private static final Pattern WINDOW = Pattern.compile("\\s*(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})\\s*");
    /** Zones of one number differ by a few hours; a window shut in all of them has no answer. */
    private static final int MAX_ROUNDS = 16;

    /** Texts may leave at any hour ({@code 00:00-24:00}). */
    public static final QuietHours ALL_DAY = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

    public QuietHours {
        if (opens.equals(closes) && !opens.equals(LocalTime.MIDNIGHT)) {
            throw new IllegalArgumentException("the window opens and closes at the same time");
        }
    }

    /** Parses {@code HH:MM-HH:MM}; {@code 24:00} is midnight at the end of the day. */
    public static QuietHours parse(String text) {
        Matcher matcher = text == null ? null : WINDOW.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("expected HH:MM-HH:MM, got '" + text + "'");
        }
        try {
            return new QuietHours(time(matcher.group(1)), time(matcher.group(2)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not a time of day in '" + text + "'");
        }
    }

    private static LocalTime time(String text) {
        String padded = text.length() == 4 ? "0" + text : text;
        return "24:00".equals(padded) ? LocalTime.MIDNIGHT : LocalTime.parse(padded);
    }

    /** Whether a text may be sent at this local time of day. */
    public boolean allows(LocalTime time) {
        if (opens.equals(closes)) {
            return true; // all day
        }
        if (opens.isBefore(closes) || closes.equals(LocalTime.MIDNIGHT)) {
            return !time.isBefore(opens) && (closes.equals(LocalTime.MIDNIGHT) || time.isBefore(closes));
        }
        return !time.isBefore(opens) || time.isBefore(closes); // past midnight
    }

    public boolean allows(Instant at, ZoneId zone) {
        return allows(at.atZone(zone).toLocalTime());
    }

    /** The first instant at or after {@code at} when the window is open in {@code zone}. */
    public Instant nextAllowed(Instant at, ZoneId zone) {
        if (allows(at, zone)) {
            return at;
        }
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalTime().isBefore(opens)
                ? local.toLocalDate()
                : local.toLocalDate().plusDays(1);
        LocalDateTime opening = LocalDateTime.of(day, opens);
        ZoneOffsetTransition gap = zone.getRules().getTransition(opening);
        if (gap != null && gap.isGap()) {
            return gap.getInstant(); // the opening time does not exist that day: the clocks jump past it
        }
        return ZonedDateTime.of(opening, zone).toInstant();
    }

    /**
     * The first instant at or after {@code at} when the window is open in every one of
     * {@code zones} (a number that spans several zones takes the most restrictive reading).
     * Throws when no such instant exists within a few days (zones too far apart for the window).
     */
    public Instant nextAllowed(Instant at, Collection<ZoneId> zones) {
        Instant candidate = at;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant moved = candidate;
            for (ZoneId zone : zones) {
                moved = nextAllowed(moved, zone);
            }
            if (moved.equals(candidate)) {
                return candidate;
            }
            candidate = moved;
        }
        throw new IllegalStateException("the window " + this + " is never open in all of " + List.copyOf(zones));
    }

    /** The tighter of two windows, for a region whose rule is stricter than the default. */
    public QuietHours intersect(QuietHours other) {
        if (!isSameDay() || !other.isSameDay()) {
            return other; // a window past midnight is taken as configured
        }
        LocalTime from = opens.isAfter(other.opens) ? opens : other.opens;
        LocalTime to = endOfDay(closes).isBefore(endOfDay(other.closes)) ? closes : other.closes;
        if (!from.isBefore(endOfDay(to))) {
            throw new IllegalArgumentException(this + " and " + other + " have no time in common");
        }
        return new QuietHours(from, to);
    }

    private boolean isSameDay() {
        return opens.isBefore(closes) || closes.equals(LocalTime.MIDNIGHT);
    }

    private static LocalTime endOfDay(LocalTime time) {
        return time.equals(LocalTime.MIDNIGHT) ? LocalTime.MAX : time;
    }

    @Override
    public String toString() {
        return opens + "-" + (closes.equals(LocalTime.MIDNIGHT) ? "24:00" : closes.toString());
    }
}
