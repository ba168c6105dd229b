package com.clubos.messages.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A time series over the range, every bucket present (empty ones 0, or null for response times), each
 * with the value of the same bucket of the previous range. Rows are put in buckets by
 * {@code width_bucket} over bucket starts worked out in the viewer's zone ({@link Grouping}).
 */
final class SeriesQuery {

    /** The bounds are cast once (a sub-select), not for every row: text to timestamptz is not immutable. */
    private static final String BUCKET = """
            CASE WHEN %1$s >= :from
                 THEN width_bucket(%1$s, (SELECT CAST(CAST(:bounds AS text[]) AS timestamptz[])))
                 ELSE width_bucket(%1$s, (SELECT CAST(CAST(:previousBounds AS text[]) AS timestamptz[]))) END""";

    private SeriesQuery() {}

    static List<Point> run(Connection connection, ReportQuery query, Metric metric, Grouping grouping)
            throws SQLException {
        List<ZonedDateTime> starts = grouping.starts(query.range());
        List<ZonedDateTime> previousStarts = grouping.starts(query.range().previous());
        Map<String, Object> values = query.parameters();
        values.put("bounds", Grouping.bounds(starts));
        values.put("previousBounds", Grouping.bounds(previousStarts));
        Number[][] buckets = {new Number[starts.size()], new Number[previousStarts.size()]};
        boolean counting = metric != Metric.FIRST_RESPONSE;
        if (counting) {
            java.util.Arrays.fill(buckets[0], 0L);
            java.util.Arrays.fill(buckets[1], 0L);
        }
        SummaryQuery.read(connection, sql(query, metric), values, (row, slot) -> {
            int bucket = row.getInt(2);
            if (bucket >= 1 && bucket <= buckets[slot].length) {
                buckets[slot][bucket - 1] = counting ? (Number) row.getLong(3) : (Number) row.getDouble(3);
            }
        });
        List<Point> points = new ArrayList<>(starts.size());
        for (int i = 0; i < starts.size(); i++) {
            points.add(new Point(
                    starts.get(i).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                    buckets[0][i],
                    i < buckets[1].length ? buckets[1][i] : null));
        }
        return points;
    }

    private static String sql(ReportQuery query, Metric metric) {
        return switch (metric) {
            case INBOUND, OUTBOUND ->
                """
                    SELECT m.created_at >= :from, %s, count(*)
                    FROM messages m
                    WHERE m.created_at >= :pfrom AND m.created_at < :to AND m.direction = '%s'
                      AND m.status NOT IN ('scheduled', 'cancelled')%s
                    GROUP BY 1, 2""".formatted(
                                BUCKET.formatted("m.created_at"),
                                metric == Metric.INBOUND ? "inbound" : "outbound",
                                query.messageLineFilter());
            case NEW_CONVERSATIONS ->
                """
                    SELECT r.first_message_at >= :from, %s, count(*)
                    FROM report_conversations r
                    WHERE r.first_message_at >= :pfrom AND r.first_message_at < :to%s
                    GROUP BY 1, 2""".formatted(BUCKET.formatted("r.first_message_at"), query.lineFilter("r.line_number"));
            case FIRST_RESPONSE -> ResponseTimes.with(query) + """
                    SELECT current, %s, percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds)
                    FROM timed WHERE seconds IS NOT NULL
                    GROUP BY 1, 2""".formatted(BUCKET.formatted("started_at"));
        };
    }
}
