package com.clubos.messages.history;

import java.time.Instant;

/**
 * One row of ClubOS's {@code openphone_conversations}: a customer and all their messages as one JSON
 * array ({@code messagesJson}, the column's text; null when the column is NULL). Columns an older
 * ClubOS lacks are null.
 */
record LegacyRow(
        String id,
        String phoneNumber,
        String customerName,
        String employeeName,
        String messagesJson,
        Integer unreadCount,
        Instant lastReadAt,
        Instant createdAt,
        Instant updatedAt) {

    /** What element times fall back to when an element has none: the row's own timestamps. */
    Instant fallbackTime() {
        return createdAt != null ? createdAt : updatedAt;
    }

    /** The same row with its {@code messages} read from {@code json} (an array stored as a JSON string). */
    LegacyRow withMessages(String json) {
        return new LegacyRow(
                id, phoneNumber, customerName, employeeName, json, unreadCount, lastReadAt, createdAt, updatedAt);
    }
}
