package com.clubos.messages.message;

import com.clubos.messages.api.Cursor;
import com.clubos.messages.api.Json;
import com.clubos.messages.database.JdbcWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Messages read straight from SQL into the views the API shows (issue 19): a page of a thread or of the
 * list is read-only, and building an entity per row (Hibernate's hydration, snapshots, converters) cost
 * more than PostgreSQL took to find the rows.
 */
public final class MessageRows {

    /** The select list {@link #read} expects, for the messages table aliased {@code m}. */
    public static final String COLUMNS = "m.id, m.conversation_id, m.body, m.direction, m.from_number, m.to_number, "
            + "m.status, m.error_message, m.media, m.sent_by, m.openphone_id, m.client_ref, m.origin, m.send_at, "
            + "m.send_even_if_reply, m.campaign_name, m.created_at, m.updated_at";

    /** How many columns {@link #COLUMNS} selects. */
    public static final int COLUMN_COUNT = 18;

    private static final String NEWEST = "SELECT " + COLUMNS + " FROM messages m WHERE m.conversation_id = ? ";
    private static final String NEWEST_ORDER = "ORDER BY m.created_at DESC, m.id DESC LIMIT ?";

    private static final String RECENT = "SELECT " + COLUMNS + """
             FROM unnest(?::bigint[]) AS c(id)
            CROSS JOIN LATERAL (
                SELECT * FROM messages m
                WHERE m.conversation_id = c.id
                ORDER BY m.created_at DESC, m.id DESC
                LIMIT ?) m
            ORDER BY m.conversation_id, m.created_at, m.id""";

    private MessageRows() {}

    /**
     * The newest {@code limit} messages of a conversation before {@code before} (all when null), oldest first.
     * The keyset is a row comparison, which the (conversation_id, created_at, id) index answers as a range.
     */
    public static List<MessageView> newestPage(Connection connection, long conversationId, Cursor before, int limit)
            throws SQLException {
        String sql =
                before == null ? NEWEST + NEWEST_ORDER : NEWEST + "AND (m.created_at, m.id) < (?, ?) " + NEWEST_ORDER;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 1;
            statement.setLong(p++, conversationId);
            if (before != null) {
                JdbcWork.setInstant(statement, p++, before.at());
                statement.setLong(p++, before.id());
            }
            statement.setInt(p, limit);
            List<MessageView> page = readAll(statement);
            Collections.reverse(page);
            return page;
        }
    }

    /** The message with this id, as the API shows it. */
    public static Optional<MessageView> byId(Connection connection, long id) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM messages m WHERE m.id = ?")) {
            statement.setLong(1, id);
            return readAll(statement).stream().findFirst();
        }
    }

    /** For each conversation, its newest {@code perConversation} messages, oldest first. */
    public static Map<Long, List<MessageView>> recentFor(
            Connection connection, Collection<Long> conversationIds, int perConversation) throws SQLException {
        Map<Long, List<MessageView>> recent = new LinkedHashMap<>();
        if (conversationIds.isEmpty() || perConversation <= 0) {
            return recent;
        }
        try (PreparedStatement statement = connection.prepareStatement(RECENT)) {
            statement.setArray(1, connection.createArrayOf("bigint", conversationIds.toArray()));
            statement.setInt(2, perConversation);
            for (MessageView message : readAll(statement)) {
                recent.computeIfAbsent(message.conversationId(), id -> new ArrayList<>())
                        .add(message);
            }
        }
        return recent;
    }

    /** The message whose {@link #COLUMNS} start at column {@code first}; null when its id is null (no message). */
    public static MessageView read(ResultSet row, int first) throws SQLException {
        long id = row.getLong(first);
        if (row.wasNull()) {
            return null;
        }
        int c = first + 1;
        return new MessageView(
                id,
                row.getLong(c++),
                row.getString(c++),
                LowerCaseEnumConverter.fromColumn(MessageDirection.class, row.getString(c++)),
                row.getString(c++),
                row.getString(c++),
                LowerCaseEnumConverter.fromColumn(MessageStatus.class, row.getString(c++)),
                row.getString(c++),
                Json.readListOfObjects(row.getString(c++)),
                row.getString(c++),
                row.getString(c++),
                row.getString(c++),
                LowerCaseEnumConverter.fromColumn(MessageOrigin.class, row.getString(c++)),
                instant(row, c++),
                row.getBoolean(c++),
                row.getString(c++),
                instant(row, c++),
                instant(row, c));
    }

    /** A timestamptz column as an instant (null stays null). */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static List<MessageView> readAll(PreparedStatement statement) throws SQLException {
        List<MessageView> messages = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                messages.add(read(rows, 1));
            }
        }
        return messages;
    }
}
