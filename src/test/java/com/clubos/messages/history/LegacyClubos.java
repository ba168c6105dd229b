package com.clubos.messages.history;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * A ClubOS database of our own for a test: the plan's {@code openphone_conversations} (its Step 1
 * columns included), created fresh over JDBC. Named after the test database
 * ({@code clubos_messages_test_h21} → {@code clubos_legacy_h21_<purpose>}) so parallel checkouts never share one.
 */
public final class LegacyClubos implements AutoCloseable {

    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String TEST_DB =
            System.getenv().getOrDefault("TEST_DATABASE_URL", SERVER + "clubos_messages_test");

    final String name;
    private final Connection connection;

    private LegacyClubos(String name, Connection connection) {
        this.name = name;
        this.connection = connection;
    }

    public static String name(String purpose) {
        String testDb = TEST_DB.replaceAll("\\?.*$", "").replaceAll("^.*/", "");
        String suffix =
                testDb.startsWith("clubos_messages_test") ? testDb.substring("clubos_messages_test".length()) : "";
        return "clubos_legacy" + suffix + "_" + purpose;
    }

    public static String jdbcUrl(String purpose) {
        return SERVER + name(purpose);
    }

    /** Drops and creates the database with the plan's table. */
    public static LegacyClubos create(String purpose) throws SQLException {
        String name = name(purpose);
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + name);
        }
        Connection connection = DriverManager.getConnection(SERVER + name, "postgres", "");
        try (Statement statement = connection.createStatement()) {
            // The table as ClubOS created it, then the plan's Step 1 migration.
            statement.execute("""
                    CREATE TABLE openphone_conversations (
                        id SERIAL PRIMARY KEY,
                        phone_number VARCHAR(50),
                        customer_name VARCHAR(255) DEFAULT 'Unknown',
                        employee_name VARCHAR(255),
                        messages JSONB DEFAULT '[]'::jsonb,
                        metadata JSONB,
                        created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                        updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)""");
            statement.execute(
                    "CREATE INDEX IF NOT EXISTS idx_openphone_conversations_phone_number ON openphone_conversations(phone_number)");
            statement.execute(
                    "CREATE INDEX IF NOT EXISTS idx_openphone_conversations_updated_at ON openphone_conversations(updated_at)");
            statement.execute(
                    "ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS unread_count INTEGER DEFAULT 0");
            statement.execute(
                    "ALTER TABLE openphone_conversations ADD COLUMN IF NOT EXISTS last_read_at TIMESTAMP WITH TIME ZONE");
        }
        return new LegacyClubos(name, connection);
    }

    /** One ClubOS row; {@code messages} is raw SQL text cast to jsonb (null for a NULL column). */
    void row(
            String phone,
            String name,
            String employee,
            String messages,
            Integer unread,
            Instant lastReadAt,
            Instant createdAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO openphone_conversations (phone_number, customer_name, employee_name, messages, unread_count,
                    last_read_at, created_at, updated_at)
                VALUES (?, ?, ?, CAST(? AS jsonb), ?, ?, ?, ?)""")) {
            insert.setString(1, phone);
            insert.setString(2, name);
            insert.setString(3, employee);
            insert.setString(4, messages);
            insert.setObject(5, unread);
            insert.setTimestamp(6, lastReadAt == null ? null : Timestamp.from(lastReadAt));
            insert.setTimestamp(7, createdAt == null ? null : Timestamp.from(createdAt));
            insert.setTimestamp(8, createdAt == null ? null : Timestamp.from(createdAt));
            insert.executeUpdate();
        }
    }

    void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /**
     * {@code conversations} rows of {@code perConversation} messages each (customers +1902600xxxx,
     * alternating in and out, a third with OpenPhone ids), built inside PostgreSQL.
     */
    public void generate(int conversations, int perConversation) throws SQLException {
        execute("""
                INSERT INTO openphone_conversations (phone_number, customer_name, messages, unread_count, created_at, updated_at)
                SELECT '+1902600' || lpad(c::text, 4, '0'), 'Customer ' || c,
                       (SELECT jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                                'id', CASE WHEN mod(m, 3) = 0 THEN 'ACgen' || c || 'x' || m END,
                                'direction', CASE WHEN mod(m, 2) = 0 THEN 'inbound' ELSE 'outbound' END,
                                'from', CASE WHEN mod(m, 2) = 0 THEN '+1902600' || lpad(c::text, 4, '0') ELSE '+19025550100' END,
                                'to', CASE WHEN mod(m, 2) = 0 THEN '+19025550100' ELSE '+1902600' || lpad(c::text, 4, '0') END,
                                'text', 'Message ' || m || ' of conversation ' || c,
                                'status', CASE WHEN mod(m, 2) = 0 THEN NULL ELSE 'delivered' END,
                                'createdAt', to_char(timestamp '2025-01-01' + c * interval '1 hour' + m * interval '1 second',
                                                     'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')))
                                          ORDER BY m)
                        FROM generate_series(1, %d) AS m),
                       mod(c, 5), timestamp '2025-01-01' + c * interval '1 hour', now()
                FROM generate_series(1, %d) AS c""".formatted(perConversation, conversations));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
