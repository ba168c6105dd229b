package com.clubos.messages.report;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What a report is about: the range (and the previous one), the lines it counts (null: every line), the
 * location asked for (null: all the caller's), whether response times count open hours only, and now.
 */
record ReportQuery(ReportRange range, String[] lines, String line, OpenHours hours, Instant now) {

    boolean businessHours() {
        return hours != null;
    }

    /** The parameters every report query shares: :from, :to, :pfrom, :lines, :now, and open hours'. */
    Map<String, Object> parameters() {
        Map<String, Object> values = new HashMap<>();
        values.put("from", range.from());
        values.put("to", range.to());
        values.put("pfrom", range.previousFrom());
        values.put("lines", lines);
        values.put("now", now);
        if (hours != null) {
            values.putAll(hours.parameters());
        }
        return values;
    }

    /** "AND alias.line_number is one of ours", for tables that carry the line. */
    String lineFilter(String column) {
        return lines == null ? "" : " AND " + column + " = ANY (CAST(:lines AS text[]))";
    }

    /** The same for messages, which know their conversation only. */
    String messageLineFilter() {
        return lines == null
                ? ""
                : " AND m.conversation_id IN (SELECT c.id FROM openphone_conversations c"
                        + " WHERE c.line_number = ANY (CAST(:lines AS text[])))";
    }
}
