package com.clubos.messages.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** LEGACY_DATABASE_URL in both forms ops paste, and the connection refusing every write. */
class LegacyDatabaseTest {

    @Test
    void clubosOwnPostgresUrlBecomesJdbcWithItsCredentials() {
        LegacyDatabase.Target target = LegacyDatabase.parse(
                "postgres://clubos:p%40ss%3Aw%2Frd@db.internal:6543/clubos_prod?sslmode=require",
                Optional.empty(), Optional.empty());
        assertEquals("jdbc:postgresql://db.internal:6543/clubos_prod?sslmode=require", target.jdbcUrl());
        assertEquals("clubos", target.user());
        assertEquals("p@ss:w/rd", target.password());
        assertFalse(target.toString().contains("p@ss"), "the password never shows: " + target);
    }

    @Test
    void theOtherFormsAndOverridesAreAccepted() {
        assertEquals(
                "jdbc:postgresql://db:5432/clubos?sslmode=require",
                LegacyDatabase.parse(
                                "postgresql://db:5432/clubos?sslmode=no-verify", Optional.empty(), Optional.empty())
                        .jdbcUrl());
        LegacyDatabase.Target jdbc = LegacyDatabase.parse(
                "jdbc:postgresql://db/clubos?ssl=true", Optional.of("reader"), Optional.of("secret"));
        assertEquals("jdbc:postgresql://db/clubos?ssl=true", jdbc.jdbcUrl());
        assertEquals("reader", jdbc.user());
        assertEquals("secret", jdbc.password());
        LegacyDatabase.Target overridden =
                LegacyDatabase.parse("postgres://u:p@db/clubos", Optional.of("other"), Optional.empty());
        assertEquals("other", overridden.user());
        assertEquals("p", overridden.password());
    }

    @Test
    void malformedUrlsAreRefusedWithoutEchoingThePassword() {
        IllegalArgumentException noDb = assertThrows(
                IllegalArgumentException.class,
                () -> LegacyDatabase.parse("postgres://u:hunter2@db:5432", Optional.empty(), Optional.empty()));
        assertEquals("LEGACY_DATABASE_URL names no database (…/<database>)", noDb.getMessage());
        IllegalArgumentException scheme = assertThrows(
                IllegalArgumentException.class,
                () -> LegacyDatabase.parse("mysql://u:hunter2@db/x", Optional.empty(), Optional.empty()));
        assertFalse(scheme.getMessage().contains("hunter2"));
    }

    @Test
    void theLegacyDatabaseIsOpenedReadOnly() throws Exception {
        try (LegacyClubos legacy = LegacyClubos.create("readonly")) {
            legacy.row("+19025550111", "Jane", null, "[]", 0, null, null);
            LegacyDatabase database = new LegacyDatabase(new TestConfig(
                    "postgres://postgres@127.0.0.1:5432/" + LegacyClubos.name("readonly") + "?sslmode=disable"));
            try (Connection connection = database.open()) {
                SQLException refused = assertThrows(
                        SQLException.class,
                        () -> connection
                                .createStatement()
                                .executeUpdate("UPDATE openphone_conversations SET customer_name = 'changed'"));
                assertTrue(refused.getMessage().contains("read-only"), refused.getMessage());
            }
        }
    }

    /** Only the URL matters here. */
    record TestConfig(String url) implements HistoryConfig {
        public Optional<String> legacyDatabaseUrl() {
            return Optional.of(url);
        }

        public Optional<String> legacyDatabaseUser() {
            return Optional.empty();
        }

        public Optional<String> legacyDatabasePassword() {
            return Optional.empty();
        }

        public int batchSize() {
            return 1000;
        }

        public java.time.Duration batchPause() {
            return java.time.Duration.ZERO;
        }

        public int legacyPageRows() {
            return 500;
        }

        public int openphonePageSize() {
            return 100;
        }

        public int openphoneConcurrency() {
            return 1;
        }

        public java.time.Duration lease() {
            return java.time.Duration.ofSeconds(30);
        }

        public String heartbeatEvery() {
            return "2s";
        }

        public java.time.Duration retryDeadline() {
            return java.time.Duration.ofMinutes(1);
        }

        public java.time.Duration progressInterval() {
            return java.time.Duration.ofSeconds(1);
        }

        public int maxErrors() {
            return 10;
        }
    }
}
