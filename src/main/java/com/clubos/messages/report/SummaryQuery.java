package com.clubos.messages.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;

/** The summary's figures for the range and the previous one, each from one aggregation in SQL. */
final class SummaryQuery {

    private static final String TEXTS = """
            SELECT m.created_at >= :from,
                count(*) FILTER (WHERE m.direction = 'inbound'),
                count(*) FILTER (WHERE m.direction = 'outbound' AND m.status NOT IN ('scheduled', 'cancelled')),
                count(*) FILTER (WHERE m.direction = 'outbound' AND m.status IN ('failed', 'undelivered'))
            FROM messages m
            WHERE m.created_at >= :pfrom AND m.created_at < :to%s
            GROUP BY 1""";

    /** An opt-out is a STOP whose conversation's previous keyword (if any) was a START. */
    private static final String EVENTS = """
            SELECT e.at >= :from,
                count(*) FILTER (WHERE e.kind = 'done'),
                count(*) FILTER (WHERE CASE WHEN e.kind = 'opt_out' THEN COALESCE((
                    SELECT k.kind FROM conversation_events k
                    WHERE k.conversation_id = e.conversation_id AND k.kind IN ('opt_out', 'opt_in')
                      AND (k.at < e.at OR (k.at = e.at AND k.id < e.id))
                    ORDER BY k.at DESC, k.id DESC LIMIT 1), 'opt_in') = 'opt_in' ELSE FALSE END)
            FROM conversation_events e
            WHERE e.at >= :pfrom AND e.at < :to AND e.kind IN ('done', 'opt_out')%s
            GROUP BY 1""";

    private static final String NEW_CONVERSATIONS = """
            SELECT r.first_message_at >= :from, count(*)
            FROM report_conversations r
            WHERE r.first_message_at >= :pfrom AND r.first_message_at < :to%s
            GROUP BY 1""";

    private SummaryQuery() {}

    /** [current, previous]. */
    static Figures[] run(Connection connection, ReportQuery query) throws SQLException {
        Map<String, Object> values = query.parameters();
        long[][] counts = new long[2][6];
        read(connection, TEXTS.formatted(query.messageLineFilter()), values, (row, slot) -> {
            counts[slot][0] = row.getLong(2);
            counts[slot][1] = row.getLong(3);
            counts[slot][5] = row.getLong(4);
        });
        read(connection, NEW_CONVERSATIONS.formatted(query.lineFilter("r.line_number")), values, (row, slot) -> {
            counts[slot][2] = row.getLong(2);
        });
        read(connection, EVENTS.formatted(query.lineFilter("e.line_number")), values, (row, slot) -> {
            counts[slot][3] = row.getLong(2);
            counts[slot][4] = row.getLong(3);
        });
        FirstResponse[] responses = new FirstResponse[2];
        String sql = ResponseTimes.with(query) + "SELECT " + ResponseTimes.figures("current") + ", "
                + ResponseTimes.figures("NOT current") + " FROM timed";
        try (PreparedStatement statement = NamedSql.of(sql).prepare(connection, values);
                ResultSet row = statement.executeQuery()) {
            row.next();
            responses[0] = ResponseTimes.read(row, 1);
            responses[1] = ResponseTimes.read(row, 9);
        }
        ReportRange range = query.range();
        return new Figures[] {
            figures(range.fromText(), range.toText(), counts[0], responses[0]),
            figures(range.format(range.previousFrom()), range.fromText(), counts[1], responses[1])
        };
    }

    private static Figures figures(String from, String to, long[] counts, FirstResponse response) {
        return new Figures(from, to, counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], response);
    }

    /** Reads a query grouped by "in the current range"; slot 0 is the current range, 1 the previous. */
    interface RowReader {
        void read(ResultSet row, int slot) throws SQLException;
    }

    static void read(Connection connection, String sql, Map<String, Object> values, RowReader reader)
            throws SQLException {
        try (PreparedStatement statement = NamedSql.of(sql).prepare(connection, values);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                reader.read(rows, rows.getBoolean(1) ? 0 : 1);
            }
        }
    }
}
