package com.clubos.messages.report;

/**
 * The summary of a range: texts in (customers) and out (every outbound text, automatic ones included),
 * conversations whose first text falls in it, times a conversation was marked done, customers who opted
 * out (a STOP after none or a START), failed or undelivered sends, first response; and the same for the
 * previous range of the same length.
 */
public record Summary(
        String from,
        String to,
        String tz,
        String line,
        boolean businessHours,
        long inbound,
        long outbound,
        long newConversations,
        long done,
        long optOuts,
        long failedSends,
        FirstResponse firstResponse,
        Figures previous) {

    static Summary of(ReportQuery query, Figures current, Figures previous) {
        return new Summary(
                current.from(),
                current.to(),
                query.range().zone().getId(),
                query.line(),
                query.businessHours(),
                current.inbound(),
                current.outbound(),
                current.newConversations(),
                current.done(),
                current.optOuts(),
                current.failedSends(),
                current.firstResponse(),
                previous);
    }
}
