package com.clubos.messages.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class PostgresUrlTest {

    @Test
    void aJdbcUrlIsKeptAsItIs() {
        PostgresUrl url = PostgresUrl.parse("jdbc:postgresql://db:5432/clubos?sslmode=require")
                .orElseThrow();
        assertEquals("jdbc:postgresql://db:5432/clubos?sslmode=require", url.jdbcUrl());
        assertEquals(Optional.empty(), url.user());
    }

    @Test
    void theNodeFormBecomesJdbcWithItsCredentialsTakenOut() {
        PostgresUrl url = PostgresUrl.parse(
                        "postgres://clubos:p%40ss%3Aword@db.internal:6543/clubos_prod?sslmode=require")
                .orElseThrow();
        assertEquals("jdbc:postgresql://db.internal:6543/clubos_prod?sslmode=require", url.jdbcUrl());
        assertEquals(Optional.of("clubos"), url.user());
        assertEquals(Optional.of("p@ss:word"), url.password());
        assertTrue(!url.toString().contains("p@ss"), "never the password in toString");
    }

    @Test
    void nodePostgresNoVerifyBecomesRequireAndPortAndCredentialsAreOptional() {
        PostgresUrl url =
                PostgresUrl.parse("postgresql://db/clubos?sslmode=no-verify").orElseThrow();
        assertEquals("jdbc:postgresql://db/clubos?sslmode=require", url.jdbcUrl());
        assertEquals(Optional.empty(), url.user());
        assertEquals(Optional.empty(), url.password());
    }

    @Test
    void anythingElseIsRefusedWithoutEchoingIt() {
        assertEquals(Optional.empty(), PostgresUrl.parse("  "));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("mysql://root:secret@db/x"));
        assertTrue(!e.getMessage().contains("secret"));
        assertThrows(IllegalArgumentException.class, () -> PostgresUrl.parse("postgres://user:pa ss@db/x"));
    }
}
