package com.clubos.messages.history;

import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The OpenPhone backfill's own table: the conversations it listed and, for each, the page token of the
 * messages still to read. Written with the batches, so a resumed backfill reads each page once more at most.
 */
final class BackfillConversations {

    private BackfillConversations() {}

    /** Inside a batch's transaction: the conversations it listed and where the one it read stands. */
    static void record(Connection connection, long importId, HistoryBatch batch) throws SQLException {
        if (!batch.listed.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO history_import_conversations (import_id, position, openphone_id, phone_number_id,
                        line_number, participant, name)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING""")) {
                for (HistoryBatch.ListedConversation listed : batch.listed) {
                    insert.setLong(1, importId);
                    insert.setInt(2, listed.position());
                    insert.setString(3, listed.openphoneId());
                    insert.setString(4, listed.phoneNumberId());
                    insert.setString(5, listed.line());
                    insert.setString(6, listed.participant());
                    insert.setString(7, listed.name());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (batch.step != null) {
            try (PreparedStatement update = connection.prepareStatement("""
                    UPDATE history_import_conversations SET page_token = ?, done = ?
                    WHERE import_id = ? AND position = ?""")) {
                update.setString(1, batch.step.nextPageToken());
                update.setBoolean(2, batch.step.done());
                update.setLong(3, importId);
                update.setInt(4, batch.step.position());
                update.executeUpdate();
            }
        }
    }

    /** The next conversations whose messages are still to read, after {@code position}, in listing order. */
    @SuppressWarnings("unchecked")
    static List<Pending> pending(EntityManager em, long importId, int afterPosition, int limit) {
        List<Object[]> rows = em.createNativeQuery("""
                        SELECT position, openphone_id, phone_number_id, line_number, participant, name, page_token
                        FROM history_import_conversations
                        WHERE import_id = :import AND position > :after AND NOT done
                        ORDER BY position LIMIT :limit""")
                .setParameter("import", importId)
                .setParameter("after", afterPosition)
                .setParameter("limit", limit)
                .getResultList();
        return rows.stream()
                .map(r -> new Pending(
                        ((Number) r[0]).intValue(),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        (String) r[4],
                        (String) r[5],
                        (String) r[6]))
                .toList();
    }

    record Pending(
            int position,
            String openphoneId,
            String phoneNumberId,
            String line,
            String participant,
            String name,
            String pageToken) {}
}
