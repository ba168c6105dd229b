package com.clubos.messages.report;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * BUSINESS_HOURS: when each location is open, for response times counted in open hours only.
 *
 * <pre>
 *   Mon-Fri 09:00-22:00; Sat-Sun 08:00-23:00                    every location
 *   Mon-Fri 09:00-22:00 | Dartmouth=Mon-Sun 10:00-20:00          a default, and Dartmouth's own
 *   Fri-Sat 18:00-02:00; Sun 12:00-14:00,17:00-21:00; America/Halifax
 * </pre>
 *
 * Entries are separated by {@code |}; {@code location=} (a number in any format, an OpenPhone id or a
 * location name) makes an entry one location's. Within an entry, parts are separated by {@code ;}: days
 * ({@code Mon}, {@code Mon-Fri}, {@code Sat,Sun}, {@code Daily}) then ranges ({@code 09:00-12:00,13:00-17:00};
 * a close at or before the open runs past midnight, {@code 24:00} is midnight), or an IANA zone for the
 * entry (else REPORTS_TIME_ZONE). Locations with no entry and no default count every hour.
 */
public final class BusinessHours {

    /** One opening: from {@code open} for {@code length} (past midnight when it runs over). */
    record Opening(LocalTime open, java.time.Duration length) {}

    /** A location's week, in its zone. */
    record Schedule(ZoneId zone, Map<DayOfWeek, List<Opening>> week) {}

    static final int MAX_RANGES_PER_DAY = 3;

    private final Optional<Schedule> everyLocation;
    private final Map<String, Schedule> byLocation;

    private BusinessHours(Optional<Schedule> everyLocation, Map<String, Schedule> byLocation) {
        this.everyLocation = everyLocation;
        this.byLocation = byLocation;
    }

    public boolean configured() {
        return everyLocation.isPresent() || !byLocation.isEmpty();
    }

    /** The schedule of a line, its own entry first ({@code resolve} turns an entry's key into a line). */
    Optional<Schedule> forLine(String line, Function<String, Optional<String>> resolve) {
        for (var entry : byLocation.entrySet()) {
            if (resolve.apply(entry.getKey()).filter(line::equals).isPresent()) {
                return Optional.of(entry.getValue());
            }
        }
        return everyLocation;
    }

    /** Parses the setting; a mistake stops the service at start with the part that is wrong. */
    public static BusinessHours parse(String spec, ZoneId defaultZone) {
        Schedule every = null;
        Map<String, Schedule> byLocation = new LinkedHashMap<>();
        for (String entry : spec == null ? new String[0] : spec.split("\\|")) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            Schedule schedule = schedule(equals < 0 ? entry : entry.substring(equals + 1), defaultZone);
            if (equals < 0) {
                if (every != null) {
                    throw wrong(entry, "only one entry may be without a location=");
                }
                every = schedule;
            } else if (entry.substring(0, equals).isBlank()) {
                throw wrong(entry, "the location before '=' is missing");
            } else {
                byLocation.put(entry.substring(0, equals).strip(), schedule);
            }
        }
        return new BusinessHours(Optional.ofNullable(every), Map.copyOf(byLocation));
    }

    private static Schedule schedule(String text, ZoneId defaultZone) {
        ZoneId zone = defaultZone;
        Map<DayOfWeek, List<Opening>> week = new EnumMap<>(DayOfWeek.class);
        for (String raw : text.split(";")) {
            String part = raw.strip();
            if (part.isEmpty()) {
                continue;
            }
            if (part.contains("/") || part.equals("UTC")) {
                try {
                    zone = ZoneId.of(part);
                    continue;
                } catch (DateTimeException e) {
                    throw wrong(part, "not a time zone");
                }
            }
            String[] daysAndRanges = part.split("\\s+", 2);
            if (daysAndRanges.length < 2) {
                throw wrong(part, "write days then hours, like Mon-Fri 09:00-22:00");
            }
            List<Opening> openings = new ArrayList<>();
            for (String range : daysAndRanges[1].replace(" ", "").split(",")) {
                openings.add(opening(range, part));
            }
            for (DayOfWeek day : days(daysAndRanges[0], part)) {
                List<Opening> ofDay = week.computeIfAbsent(day, d -> new ArrayList<>());
                ofDay.addAll(openings);
                if (ofDay.size() > MAX_RANGES_PER_DAY) {
                    throw wrong(part, "at most " + MAX_RANGES_PER_DAY + " ranges a day");
                }
            }
        }
        if (week.isEmpty()) {
            throw wrong(text, "no opening hours");
        }
        week.replaceAll((day, openings) -> List.copyOf(openings));
        return new Schedule(zone, week);
    }

    private static List<DayOfWeek> days(String text, String part) {
        List<DayOfWeek> days = new ArrayList<>();
        if (text.equalsIgnoreCase("daily")) {
            return List.of(DayOfWeek.values());
        }
        for (String item : text.split(",")) {
            String[] ends = item.split("-", 2);
            DayOfWeek first = day(ends[0], part);
            DayOfWeek last = ends.length == 2 ? day(ends[1], part) : first;
            for (DayOfWeek day = first; ; day = day.plus(1)) {
                days.add(day);
                if (day == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String text, String part) {
        String wanted = text.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (wanted.length() >= 3 && day.name().toLowerCase(Locale.ROOT).startsWith(wanted)) {
                return day;
            }
        }
        throw wrong(part, "'" + text.strip() + "' is not a day (Mon … Sun)");
    }

    private static Opening opening(String range, String part) {
        String[] ends = range.split("-");
        if (ends.length != 2) {
            throw wrong(part, "'" + range + "' is not a range like 09:00-22:00");
        }
        LocalTime open = time(ends[0], part);
        boolean untilMidnight = ends[1].equals("24:00");
        LocalTime close = untilMidnight ? LocalTime.MIDNIGHT : time(ends[1], part);
        java.time.Duration length = java.time.Duration.between(open, close);
        if (untilMidnight || length.isNegative() || length.isZero()) {
            length = length.plusDays(1);
        }
        if (length.compareTo(java.time.Duration.ofDays(1)) > 0 || length.isZero()) {
            throw wrong(part, "'" + range + "' is empty");
        }
        return new Opening(open, length);
    }

    private static LocalTime time(String text, String part) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeException e) {
            throw wrong(part, "'" + text + "' is not a time like 09:00");
        }
    }

    private static IllegalStateException wrong(String part, String why) {
        return new IllegalStateException("BUSINESS_HOURS: '" + part.strip() + "': " + why);
    }
}
