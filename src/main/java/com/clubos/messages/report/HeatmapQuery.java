package com.clubos.messages.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** When the phones are busiest: customers' texts by local weekday and hour, all 168 cells. */
final class HeatmapQuery {

    private static final String SQL = """
            SELECT m.created_at >= :from,
                extract(isodow FROM m.created_at AT TIME ZONE :tz)::int,
                extract(hour FROM m.created_at AT TIME ZONE :tz)::int,
                count(*)
            FROM messages m
            WHERE m.created_at >= :pfrom AND m.created_at < :to AND m.direction = 'inbound'%s
            GROUP BY 1, 2, 3""";

    private HeatmapQuery() {}

    static List<HeatCell> run(Connection connection, ReportQuery query) throws SQLException {
        Map<String, Object> values = query.parameters();
        values.put("tz", query.range().zone().getId());
        long[][][] counts = new long[2][8][24];
        SummaryQuery.read(connection, SQL.formatted(query.messageLineFilter()), values, (row, slot) -> {
            counts[slot][row.getInt(2)][row.getInt(3)] = row.getLong(4);
        });
        List<HeatCell> cells = new ArrayList<>(7 * 24);
        for (int day = 1; day <= 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                cells.add(new HeatCell(day, hour, counts[0][day][hour], counts[1][day][hour]));
            }
        }
        return cells;
    }
}
