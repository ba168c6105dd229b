package com.clubos.messages.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Business hours of the lines a report covers, as SQL sees them: {@code zones} (line, zone, open seconds
 * up to now) and {@code calendar} (line, local day, open seconds before it, its openings). A line
 * without business hours counts every hour.
 */
final class OpenHours {

    /** The CTEs; {@code open(d, t)} below reads a calendar row d at instant t. */
    static final String CTES = """
            zones AS (
                SELECT * FROM unnest(CAST(:hoursLines AS text[]), CAST(:hoursZones AS text[]),
                                     CAST(:hoursNow AS float8[])) AS z(line, zone, open_now)
            ), calendar AS (
                SELECT * FROM unnest(CAST(:calLines AS text[]), CAST(CAST(:calDays AS text[]) AS date[]),
                    CAST(:calBefore AS float8[]), CAST(:o1 AS float8[]), CAST(:c1 AS float8[]),
                    CAST(:o2 AS float8[]), CAST(:c2 AS float8[]), CAST(:o3 AS float8[]), CAST(:c3 AS float8[]),
                    CAST(:o4 AS float8[]), CAST(:c4 AS float8[]))
                    AS d(line, day, before, o1, c1, o2, c2, o3, c3, o4, c4)
            )""";

    private final Map<String, Object> parameters;

    private OpenHours(Map<String, Object> parameters) {
        this.parameters = parameters;
    }

    /** Open seconds from the calendar's start to {@code instant}, read from calendar row {@code day}. */
    static String open(String day, String instant) {
        StringBuilder sql = new StringBuilder(day + ".before");
        String epoch = "date_part('epoch', " + instant + ")";
        for (int i = 1; i <= BusinessCalendar.SLOTS; i++) {
            sql.append(" + greatest(0, least(%1$s, %2$s.c%3$d) - %2$s.o%3$d)".formatted(epoch, day, i));
        }
        return "(" + sql + ")";
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    /** The calendars of {@code schedules} (line → schedule) covering {@code first} … {@code now} and beyond. */
    static OpenHours of(Map<String, BusinessHours.Schedule> schedules, Instant first, Instant last, Instant now) {
        List<String> hoursLines = new ArrayList<>();
        List<String> hoursZones = new ArrayList<>();
        List<Double> hoursNow = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> days = new ArrayList<>();
        List<Double> before = new ArrayList<>();
        List<List<Double>> opens = slots();
        List<List<Double>> closes = slots();
        schedules.forEach((line, schedule) -> {
            LocalDate firstDay = LocalDate.ofInstant(first, schedule.zone()).minusDays(1);
            Instant end = last.isAfter(now) ? last : now;
            LocalDate lastDay = LocalDate.ofInstant(end, schedule.zone()).plusDays(2);
            List<BusinessCalendar.Day> calendar = BusinessCalendar.days(schedule, firstDay, lastDay);
            hoursLines.add(line);
            hoursZones.add(schedule.zone().getId());
            hoursNow.add(BusinessCalendar.openBefore(calendar, now, schedule.zone()));
            for (BusinessCalendar.Day day : calendar) {
                lines.add(line);
                days.add(day.date().toString());
                before.add(day.before());
                for (int i = 0; i < BusinessCalendar.SLOTS; i++) {
                    opens.get(i).add(day.opens()[i]);
                    closes.get(i).add(day.closes()[i]);
                }
            }
        });
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("hoursLines", hoursLines.toArray(String[]::new));
        parameters.put("hoursZones", hoursZones.toArray(String[]::new));
        parameters.put("hoursNow", hoursNow.toArray(Double[]::new));
        parameters.put("calLines", lines.toArray(String[]::new));
        parameters.put("calDays", days.toArray(String[]::new));
        parameters.put("calBefore", before.toArray(Double[]::new));
        for (int i = 0; i < BusinessCalendar.SLOTS; i++) {
            parameters.put("o" + (i + 1), opens.get(i).toArray(Double[]::new));
            parameters.put("c" + (i + 1), closes.get(i).toArray(Double[]::new));
        }
        return new OpenHours(parameters);
    }

    private static List<List<Double>> slots() {
        List<List<Double>> slots = new ArrayList<>();
        for (int i = 0; i < BusinessCalendar.SLOTS; i++) {
            slots.add(new ArrayList<>());
        }
        return slots;
    }
}
