package com.clubos.messages.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open hours of one location as real instants, for SQL: its openings between two days, merged and
 * in order, as epoch seconds, each with the open seconds of all openings before it. Open seconds
 * between two instants are then {@code open(b) - open(a)}, where {@code open(t)} finds the last opening
 * that started by t (a binary search: PostgreSQL's {@code width_bucket}) and adds the part of it before t.
 * Worked out with java.time, so a day of 23 or 25 hours, or an opening across a DST change, counts what
 * the clock did.
 */
final class BusinessCalendar {

    /** Merged openings in order: {@code opens[i]}-{@code closes[i]}, {@code before[i]} open seconds ahead of it. */
    record Openings(double[] opens, double[] closes, double[] before) {

        /** Open seconds from the first opening to {@code at}. */
        double openBefore(Instant at) {
            double epoch = epoch(at);
            int last = -1;
            while (last + 1 < opens.length && opens[last + 1] <= epoch) {
                last++;
            }
            return last < 0 ? 0 : before[last] + Math.min(epoch, closes[last]) - opens[last];
        }
    }

    private record Interval(Instant open, Instant close) {}

    private BusinessCalendar() {}

    /** The openings of every local day from {@code first} to {@code last}, inclusive. */
    static Openings openings(BusinessHours.Schedule schedule, LocalDate first, LocalDate last) {
        List<Interval> intervals = merged(intervals(schedule, first, last));
        double[] opens = new double[intervals.size()];
        double[] closes = new double[intervals.size()];
        double[] before = new double[intervals.size()];
        double open = 0;
        for (int i = 0; i < intervals.size(); i++) {
            opens[i] = epoch(intervals.get(i).open());
            closes[i] = epoch(intervals.get(i).close());
            before[i] = open;
            open += closes[i] - opens[i];
        }
        return new Openings(opens, closes, before);
    }

    private static double epoch(Instant at) {
        return at.getEpochSecond() + at.getNano() / 1e9;
    }

    private static List<Interval> intervals(BusinessHours.Schedule schedule, LocalDate first, LocalDate last) {
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

    /** Overlapping or touching openings become one, so the openings are in order and apart. */
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
}
