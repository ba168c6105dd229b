package com.clubos.messages.report;

/**
 * One staff member's figures: texts they wrote (automatic, scheduled and campaign texts excepted),
 * waiting periods they answered first, the median of those first responses (seconds), and times they
 * marked a conversation done; {@code previous} the same for the previous range. Texts staff sent from
 * OpenPhone's own app, and imported ones, have no staff id: their row's id is null.
 */
public record StaffRow(
        String id,
        String name,
        long textsSent,
        long conversationsAnswered,
        Double medianFirstResponseSeconds,
        long done,
        StaffFigures previous) {

    /** The same figures for the previous range. */
    public record StaffFigures(
            long textsSent, long conversationsAnswered, Double medianFirstResponseSeconds, long done) {}
}
