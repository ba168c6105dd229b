package com.clubos.messages.report;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Business hours of the lines a report covers, as SQL sees them: one {@code zones} row per line with
 * business hours (its open seconds up to now and its openings as arrays, see {@link BusinessCalendar}).
 * A line without business hours has no row and counts every hour. Open time is found per period by a
 * binary search in the line's arrays, so a month of periods needs no join, sort or time-zone arithmetic.
 */
final class OpenHours {

    private final String ctes;
    private final Map<String, Object> parameters;

    private OpenHours(String ctes, Map<String, Object> parameters) {
        this.ctes = ctes;
        this.parameters = parameters;
    }

    /** The {@code zones} CTE (line, open_now, opens, closes, before). */
    String ctes() {
        return ctes;
    }

    Map<String, Object> parameters() {
        return parameters;
    }

    /**
     * {@code LEFT JOIN LATERAL … o}: the zones row of {@code line} with each instant's epoch ({@code o.e1},
     * {@code o.e2}) and the last opening that started by it ({@code o.k1}, {@code o.k2}), searched once per
     * row (OFFSET 0 keeps the planner from inlining, and so repeating, the searches).
     */
    static String searched(String line, String first, String second) {
        return """
                LEFT JOIN LATERAL (
                    SELECT z.*, x.e1, x.e2, width_bucket(x.e1, z.opens) AS k1, width_bucket(x.e2, z.opens) AS k2
                    FROM zones z, (SELECT date_part('epoch', %2$s) AS e1, date_part('epoch', %3$s) AS e2) x
                    WHERE z.line = %1$s OFFSET 0
                ) o ON true""".formatted(line, first, second);
    }

    /** Open seconds from the openings' start to instant {@code n} (1 or 2) of {@link #searched}. */
    static String open(int n) {
        return "(CASE WHEN o.k%1$d = 0 THEN 0 ELSE o.before[o.k%1$d] + least(o.e%1$d, o.closes[o.k%1$d]) - o.opens[o.k%1$d] END)"
                .formatted(n);
    }

    /** The openings of {@code schedules} (line → schedule) covering {@code first} … {@code now} and beyond. */
    static OpenHours of(Map<String, BusinessHours.Schedule> schedules, Instant first, Instant last, Instant now) {
        Map<String, Object> parameters = new HashMap<>();
        List<String> rows = new ArrayList<>();
        schedules.forEach((line, schedule) -> {
            LocalDate firstDay = LocalDate.ofInstant(first, schedule.zone()).minusDays(1);
            Instant end = last.isAfter(now) ? last : now;
            LocalDate lastDay = LocalDate.ofInstant(end, schedule.zone()).plusDays(2);
            BusinessCalendar.Openings openings = BusinessCalendar.openings(schedule, firstDay, lastDay);
            int n = rows.size();
            parameters.put("zoneLine" + n, line);
            parameters.put("zoneNow" + n, openings.openBefore(now));
            parameters.put("zoneOpens" + n, boxed(openings.opens()));
            parameters.put("zoneCloses" + n, boxed(openings.closes()));
            parameters.put("zoneBefore" + n, boxed(openings.before()));
            rows.add(("(CAST(:zoneLine%1$d AS text), CAST(:zoneNow%1$d AS float8), CAST(:zoneOpens%1$d AS float8[]),"
                            + " CAST(:zoneCloses%1$d AS float8[]), CAST(:zoneBefore%1$d AS float8[]))")
                    .formatted(n));
        });
        String values = rows.isEmpty()
                ? "SELECT NULL::text, NULL::float8, NULL::float8[], NULL::float8[], NULL::float8[] WHERE false"
                : "VALUES " + String.join(", ", rows);
        String ctes = "zones (line, open_now, opens, closes, before) AS (" + values + ")";
        return new OpenHours(ctes, parameters);
    }

    private static Double[] boxed(double[] values) {
        Double[] boxed = new Double[values.length];
        for (int i = 0; i < values.length; i++) {
            boxed[i] = values[i];
        }
        return boxed;
    }
}
