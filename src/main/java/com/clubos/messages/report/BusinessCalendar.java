package com.clubos.messages.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open hours of one location as real instants, day by day in its zone, for SQL: per local day the
 * open seconds of all days before it (from the calendar's first day) and up to {@link #SLOTS} openings
 * as epoch seconds. Open seconds between two instants are then {@code open(b) - open(a)}, where
 * {@code open(t)} is the day's count plus the part of the day's openings before t. Worked out with
 * java.time, so a day of 23 or 25 hours, or an opening across a DST change, counts what the clock did.
 */
final class BusinessCalendar {

    /** Openings a day can hold: three ranges of its own and one running over from the day before. */
    static final int SLOTS = BusinessHours.MAX_RANGES_PER_DAY + 1;

    /** One local day: open seconds before it, and its openings (unused slots are 0-0). */
    record Day(LocalDate date, double before, double[] opens, double[] closes) {}

    private record Interval(Instant open, Instant close) {}

    private BusinessCalendar() {}

    /** Every local day from {@code first} to {@code last}, inclusive. */
    static List<Day> days(BusinessHours.Schedule schedule, LocalDate first, LocalDate last) {
        ZoneId zone = schedule.zone();
        List<Interval> intervals = merged(openings(schedule, first.minusDays(1), last));
        List<Day> days = new ArrayList<>();
        double before = 0;
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            Instant dayStart = date.atStartOfDay(zone).toInstant();
            Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
            double[] opens = new double[SLOTS];
            double[] closes = new double[SLOTS];
            int slot = 0;
            double open = 0;
            for (Interval interval : intervals) {
                Instant from = max(interval.open(), dayStart);
                Instant to = min(interval.close(), dayEnd);
                if (from.isBefore(to)) {
                    opens[slot] = from.getEpochSecond() + from.getNano() / 1e9;
                    closes[slot] = to.getEpochSecond() + to.getNano() / 1e9;
                    open += closes[slot] - opens[slot];
                    slot++;
                }
            }
            days.add(new Day(date, before, opens, closes));
            before += open;
        }
        return days;
    }

    /** Open seconds from the calendar's first day to {@code at} (which must fall in the calendar). */
    static double openBefore(List<Day> days, Instant at, ZoneId zone) {
        LocalDate date = LocalDate.ofInstant(at, zone);
        double epoch = at.getEpochSecond() + at.getNano() / 1e9;
        for (Day day : days) {
            if (day.date().equals(date)) {
                double open = day.before();
                for (int i = 0; i < SLOTS; i++) {
                    open += Math.max(0, Math.min(epoch, day.closes()[i]) - day.opens()[i]);
                }
                return open;
            }
        }
        throw new IllegalArgumentException(at + " is outside the calendar");
    }

    private static List<Interval> openings(BusinessHours.Schedule schedule, LocalDate first, LocalDate last) {
        List<Interval> intervals = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (BusinessHours.Opening opening : schedule.week().getOrDefault(date.getDayOfWeek(), List.of())) {
                LocalDateTime open = date.atTime(opening.open());
                intervals.add(new Interval(
                        open.atZone(schedule.zone()).toInstant(),
                        open.plus(opening.length()).atZone(schedule.zone()).toInstant()));
            }
        }
        return intervals;
    }

    /** Overlapping or touching openings become one (so no day holds more slots than it must). */
    private static List<Interval> merged(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::open));
        List<Interval> merged = new ArrayList<>();
        for (Interval interval : sorted) {
            if (!merged.isEmpty()
                    && !interval.open().isAfter(merged.get(merged.size() - 1).close())) {
                Interval last = merged.remove(merged.size() - 1);
                merged.add(new Interval(last.open(), max(last.close(), interval.close())));
            } else if (interval.open().isBefore(interval.close())) {
                merged.add(interval);
            }
        }
        return merged;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
