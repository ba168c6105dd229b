package com.clubos.messages.report;

/**
 * SQL over the waiting periods that start in the report's range or the previous one ({@code current}
 * tells which): {@code timed} has each period's {@code seconds} to its first answer (null: none yet, or
 * closed without one), its {@code closed_at}, and how long it has {@code waited} so far, all in open
 * hours when the query asks. An answer recorded in the rollup that failed since is replaced by the next
 * one here, from the few failed sends. Both steps are MATERIALIZED: inlined, every use of {@code seconds}
 * in the figures would repeat the look-ups behind it.
 */
final class ResponseTimes {

    private static final String LATER_ANSWER = """
            FROM messages r
                WHERE r.conversation_id = p.conversation_id AND r.direction = 'outbound' AND r.origin IS NULL
                  AND r.status NOT IN ('failed', 'undelivered') AND r.created_at > p.started_at
                  AND (p.closed_at IS NULL OR r.created_at <= p.closed_at)
                ORDER BY r.created_at, r.id LIMIT 1""";

    private ResponseTimes() {}

    /** {@code WITH … timed AS (…)}, to be followed by a SELECT from timed. */
    static String with(ReportQuery query) {
        StringBuilder sql = new StringBuilder("WITH ");
        if (query.businessHours()) {
            sql.append(query.hours().ctes()).append(", ");
        }
        sql.append("""
                failed AS (
                    SELECT id FROM messages
                    WHERE direction = 'outbound' AND status IN ('failed', 'undelivered') AND created_at >= :pfrom
                ), answered AS MATERIALIZED (
                    SELECT p.line_number, p.started_at, p.closed_at, p.started_at >= :from AS current,
                        CASE WHEN p.answer_id IN (SELECT id FROM failed)
                             THEN (SELECT r.created_at %1$s) ELSE p.answered_at END AS answered_at,
                        CASE WHEN p.answer_id IN (SELECT id FROM failed)
                             THEN (SELECT r.sent_by_id %1$s) ELSE p.answered_by_id END AS answered_by_id
                    FROM report_periods p
                    WHERE p.started_at >= :pfrom AND p.started_at < :to%2$s
                ), timed AS MATERIALIZED (
                """.formatted(LATER_ANSWER, query.lineFilter("p.line_number")));
        String plain = "date_part('epoch', a.answered_at - a.started_at)";
        String plainWait = "date_part('epoch', :now - a.started_at)";
        if (query.businessHours()) {
            sql.append("""
                        SELECT a.*,
                            CASE WHEN o.line IS NULL THEN %1$s ELSE %3$s - %4$s END AS seconds,
                            CASE WHEN o.line IS NULL THEN %2$s ELSE o.open_now - %4$s END AS waited
                        FROM answered a
                        %5$s
                    )
                    """.formatted(
                            plain,
                            plainWait,
                            OpenHours.open(2),
                            OpenHours.open(1),
                            OpenHours.searched("a.line_number", "a.started_at", "a.answered_at")));
        } else {
            sql.append("""
                        SELECT a.*, %s AS seconds, %s AS waited FROM answered a
                    )
                    """.formatted(plain, plainWait));
        }
        return sql.toString();
    }

    /** The first-response figures of the periods that match {@code where}, as eight columns. */
    static String figures(String where) {
        return """
                percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE %1$s),
                percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE %1$s),
                count(*) FILTER (WHERE %1$s AND seconds <= 300),
                count(*) FILTER (WHERE %1$s AND (seconds IS NOT NULL OR (closed_at IS NULL AND waited > 300))),
                count(*) FILTER (WHERE %1$s AND seconds <= 900),
                count(*) FILTER (WHERE %1$s AND (seconds IS NOT NULL OR (closed_at IS NULL AND waited > 900))),
                count(*) FILTER (WHERE %1$s AND seconds IS NOT NULL),
                count(*) FILTER (WHERE %1$s AND seconds IS NULL AND closed_at IS NULL)""".formatted(where);
    }

    /** Reads the eight columns of {@link #figures} starting at {@code column}. */
    static FirstResponse read(java.sql.ResultSet row, int column) throws java.sql.SQLException {
        Double median = nullable(row.getDouble(column), row);
        Double p90 = nullable(row.getDouble(column + 1), row);
        return new FirstResponse(
                median,
                p90,
                share(row.getLong(column + 2), row.getLong(column + 3)),
                share(row.getLong(column + 4), row.getLong(column + 5)),
                row.getLong(column + 6),
                row.getLong(column + 7));
    }

    private static Double nullable(double value, java.sql.ResultSet row) throws java.sql.SQLException {
        return row.wasNull() ? null : value;
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 10000.0;
    }
}
