package com.clubos.messages.report;

import java.util.List;

/** Reports as CSV (RFC 4180): a header row, then one row per line of the report. */
final class Csv {

    private Csv() {}

    static String summary(Summary s) {
        Figures p = s.previous();
        StringBuilder csv = new StringBuilder("metric,current,previous\r\n");
        row(csv, "from", s.from(), p.from());
        row(csv, "to", s.to(), p.to());
        row(csv, "inbound", s.inbound(), p.inbound());
        row(csv, "outbound", s.outbound(), p.outbound());
        row(csv, "new_conversations", s.newConversations(), p.newConversations());
        row(csv, "done", s.done(), p.done());
        row(csv, "opt_outs", s.optOuts(), p.optOuts());
        row(csv, "failed_sends", s.failedSends(), p.failedSends());
        FirstResponse c = s.firstResponse();
        FirstResponse q = p.firstResponse();
        row(csv, "first_response_median_seconds", c.medianSeconds(), q.medianSeconds());
        row(csv, "first_response_p90_seconds", c.p90Seconds(), q.p90Seconds());
        row(csv, "first_response_within_5m", c.within5m(), q.within5m());
        row(csv, "first_response_within_15m", c.within15m(), q.within15m());
        row(csv, "first_response_answered", c.answered(), q.answered());
        row(csv, "first_response_waiting", c.waiting(), q.waiting());
        return csv.toString();
    }

    static String timeseries(List<Point> points) {
        StringBuilder csv = new StringBuilder("at,value,previous\r\n");
        points.forEach(p -> row(csv, p.at(), p.value(), p.previous()));
        return csv.toString();
    }

    static String staff(List<StaffRow> rows) {
        StringBuilder csv = new StringBuilder("staff_id,name,texts_sent,conversations_answered,"
                + "median_first_response_seconds,done,previous_texts_sent,previous_conversations_answered,"
                + "previous_median_first_response_seconds,previous_done\r\n");
        rows.forEach(r -> row(
                csv,
                r.id(),
                r.name(),
                r.textsSent(),
                r.conversationsAnswered(),
                r.medianFirstResponseSeconds(),
                r.done(),
                r.previous().textsSent(),
                r.previous().conversationsAnswered(),
                r.previous().medianFirstResponseSeconds(),
                r.previous().done()));
        return csv.toString();
    }

    static String heatmap(List<HeatCell> cells) {
        StringBuilder csv = new StringBuilder("weekday,hour,value,previous\r\n");
        cells.forEach(c -> row(csv, c.weekday(), c.hour(), c.value(), c.previous()));
        return csv.toString();
    }

    private static void row(StringBuilder csv, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(cell(cells[i]));
        }
        csv.append("\r\n");
    }

    /** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs a name as a formula. */
    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return String.valueOf(d.longValue());
        }
        String text = value.toString();
        if (value instanceof String && !text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
