package com.clubos.messages.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Who answers: per staff member, texts, first answers and their median, and conversations marked done. */
final class StaffQuery {

    /** The key of texts without a staff id (OpenPhone's own app, imported history). */
    private static final String NO_ID = "";

    private static final String TEXTS = """
            SELECT m.created_at >= :from, COALESCE(m.sent_by_id, ''), count(*)
            FROM messages m
            WHERE m.created_at >= :pfrom AND m.created_at < :to AND m.direction = 'outbound' AND m.origin IS NULL%s
            GROUP BY 1, 2""";

    private static final String DONE = """
            SELECT e.at >= :from, COALESCE(e.actor_id, ''), count(*)
            FROM conversation_events e
            WHERE e.at >= :pfrom AND e.at < :to AND e.kind = 'done'%s
            GROUP BY 1, 2""";

    private static final String NAMES = """
            SELECT i.id, COALESCE(
                (SELECT u.display_name FROM staff_users u WHERE 'staff-' || u.id = i.id),
                (SELECT s.display_name FROM staff_seen s WHERE s.id = i.id),
                (SELECT m.sent_by FROM messages m WHERE m.sent_by_id = i.id ORDER BY m.created_at DESC LIMIT 1),
                (SELECT e.actor_name FROM conversation_events e
                 WHERE e.kind = 'done' AND e.at >= :pfrom AND e.at < :to AND e.actor_id = i.id LIMIT 1),
                i.id)
            FROM unnest(CAST(:ids AS text[])) AS i(id)""";

    private StaffQuery() {}

    private static final class Tally {
        final long[] texts = new long[2];
        final long[] answered = new long[2];
        final Double[] median = new Double[2];
        final long[] done = new long[2];
    }

    static List<StaffRow> run(Connection connection, ReportQuery query) throws SQLException {
        Map<String, Object> values = query.parameters();
        Map<String, Tally> tallies = new LinkedHashMap<>();
        SummaryQuery.read(
                connection,
                TEXTS.formatted(query.messageLineFilter()),
                values,
                (row, slot) ->
                        tallies.computeIfAbsent(row.getString(2), id -> new Tally()).texts[slot] = row.getLong(3));
        SummaryQuery.read(
                connection,
                DONE.formatted(query.lineFilter("e.line_number")),
                values,
                (row, slot) ->
                        tallies.computeIfAbsent(row.getString(2), id -> new Tally()).done[slot] = row.getLong(3));
        String answers = ResponseTimes.with(query) + """
                SELECT current, COALESCE(answered_by_id, ''), count(*),
                    percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)
                FROM timed WHERE seconds IS NOT NULL
                GROUP BY 1, 2""";
        SummaryQuery.read(connection, answers, values, (row, slot) -> {
            Tally tally = tallies.computeIfAbsent(row.getString(2), id -> new Tally());
            tally.answered[slot] = row.getLong(3);
            tally.median[slot] = row.getDouble(4);
        });
        Map<String, String> names = names(connection, values, tallies.keySet());
        List<StaffRow> rows = new ArrayList<>();
        tallies.forEach((id, t) -> rows.add(new StaffRow(
                id.equals(NO_ID) ? null : id,
                id.equals(NO_ID) ? "OpenPhone app or imported" : names.getOrDefault(id, id),
                t.texts[0],
                t.answered[0],
                t.median[0],
                t.done[0],
                new StaffRow.StaffFigures(t.texts[1], t.answered[1], t.median[1], t.done[1]))));
        rows.sort(Comparator.comparing((StaffRow r) -> r.id() == null)
                .thenComparing(r -> r.name().toLowerCase(java.util.Locale.ROOT))
                .thenComparing(r -> r.id() == null ? "" : r.id()));
        return rows;
    }

    private static Map<String, String> names(Connection connection, Map<String, Object> values, Iterable<String> ids)
            throws SQLException {
        List<String> wanted = new ArrayList<>();
        ids.forEach(id -> {
            if (!id.equals(NO_ID)) {
                wanted.add(id);
            }
        });
        Map<String, Object> parameters = new HashMap<>(values);
        parameters.put("ids", wanted.toArray(String[]::new));
        Map<String, String> names = new HashMap<>();
        try (PreparedStatement statement = NamedSql.of(NAMES).prepare(connection, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                names.put(rows.getString(1), rows.getString(2));
            }
        }
        return names;
    }
}
