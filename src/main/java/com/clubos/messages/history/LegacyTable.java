package com.clubos.messages.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * ClubOS's {@code openphone_conversations}, read in id order a page of rows at a time, each page
 * streamed from a cursor in small fetches, so memory holds a few rows whatever the table's size.
 * Columns an older ClubOS lacks (the plan's Step 1 adds {@code unread_count} and {@code last_read_at})
 * read as null; a column of an unexpected type too.
 */
final class LegacyTable implements AutoCloseable {

    static final String TABLE = "openphone_conversations";
    private static final int FETCH_ROWS = 20;
    private static final Set<String> TIME_TYPES =
            Set.of("timestamp with time zone", "timestamp without time zone", "date");
    private static final Set<String> INTEGER_TYPES = Set.of("integer", "bigint", "smallint");

    /** Streams rows to a handler, which may write batches to our own database meanwhile. */
    interface RowHandler {
        void row(LegacyRow row) throws Exception;
    }

    private final Connection connection;
    private final Map<String, String> columnTypes = new HashMap<>();

    private LegacyTable(Connection connection) {
        this.connection = connection;
    }

    /** Opens the table, checking it has what an import needs (an id, a phone number and the messages). */
    static LegacyTable open(LegacyDatabase database) throws SQLException {
        LegacyTable table = new LegacyTable(database.open());
        try {
            table.inspect();
            return table;
        } catch (SQLException | RuntimeException e) {
            table.close();
            throw e;
        }
    }

    private void inspect() throws SQLException {
        try (PreparedStatement columns = connection.prepareStatement("""
                SELECT a.attname, format_type(a.atttypid, a.atttypmod)
                FROM pg_attribute a
                WHERE a.attrelid = to_regclass(?) AND a.attnum > 0 AND NOT a.attisdropped""")) {
            columns.setString(1, TABLE);
            try (ResultSet result = columns.executeQuery()) {
                while (result.next()) {
                    columnTypes.put(result.getString(1), result.getString(2));
                }
            }
        } finally {
            connection.commit();
        }
        if (columnTypes.isEmpty()) {
            throw new ImportFailed("The ClubOS database has no table " + TABLE);
        }
        for (String required : new String[] {"id", "phone_number", "messages"}) {
            if (!columnTypes.containsKey(required)) {
                throw new ImportFailed("ClubOS's " + TABLE + " has no column " + required);
            }
        }
        if (!columnTypes.get("id").matches("[a-z0-9 ()_]+")) {
            throw new ImportFailed("ClubOS's " + TABLE + ".id has an unsupported type");
        }
    }

    int count() throws SQLException {
        try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM " + TABLE);
                ResultSet result = count.executeQuery()) {
            result.next();
            return result.getInt(1);
        } finally {
            connection.commit();
        }
    }

    /**
     * Hands the rows after {@code afterId} (from {@code afterId} itself when {@code inclusive}; all when
     * null) to the handler in id order, at most {@code limit}; returns how many there were.
     */
    int forEachRow(String afterId, boolean inclusive, int limit, RowHandler handler) throws Exception {
        String where = afterId == null
                ? ""
                : "WHERE id " + (inclusive ? ">=" : ">") + " CAST(? AS " + columnTypes.get("id") + ")";
        String sql = "SELECT CAST(id AS text), CAST(phone_number AS text), " + text("customer_name") + ", "
                + text("employee_name") + ", CAST(messages AS text), " + integer("unread_count") + ", "
                + time("last_read_at") + ", " + time("created_at") + ", " + time("updated_at")
                // ORDER BY the table's column: the text output column is also called id.
                + " FROM " + TABLE + " " + where + " ORDER BY " + TABLE + ".id LIMIT ?";
        int rows = 0;
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setFetchSize(FETCH_ROWS);
            int parameter = 1;
            if (afterId != null) {
                query.setString(parameter++, afterId);
            }
            query.setInt(parameter, limit);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows++;
                    handler.row(new LegacyRow(
                            result.getString(1),
                            result.getString(2),
                            result.getString(3),
                            result.getString(4),
                            result.getString(5),
                            (Integer) result.getObject(6),
                            instant(result, 7),
                            instant(result, 8),
                            instant(result, 9)));
                }
            }
        } finally {
            connection.commit();
        }
        return rows;
    }

    private String text(String column) {
        return columnTypes.containsKey(column) ? "CAST(" + column + " AS text)" : "NULL";
    }

    private String integer(String column) {
        String type = columnTypes.get(column);
        return type != null && INTEGER_TYPES.contains(type)
                ? "CAST(LEAST(GREATEST(" + column + ", 0), 1000000) AS integer)"
                : "CAST(NULL AS integer)";
    }

    private String time(String column) {
        String type = columnTypes.get(column);
        return type != null && TIME_TYPES.contains(type)
                ? "CAST(" + column + " AS timestamptz)"
                : "CAST(NULL AS timestamptz)";
    }

    private static Instant instant(ResultSet result, int column) throws SQLException {
        OffsetDateTime time = result.getObject(column, OffsetDateTime.class);
        return time == null ? null : LegacyTimes.plausible(time.toInstant()).orElse(null);
    }

    @Override
    public void close() throws SQLException {
        try {
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}
