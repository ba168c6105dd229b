package com.clubos.messages.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which failures answer 503 (retry shortly) rather than 500. */
class DatabaseUnavailableTest {

    @Test
    void aConnectionPoolWithNoFreeConnectionInTimeIsAnOutageToRetryNotAnInternalError() {
        SQLException agroal = new SQLException("Sorry, acquisition timeout!");
        assertTrue(ApiExceptionMappers.databaseUnavailable(
                new RuntimeException("Unable to acquire JDBC Connection", agroal)));
    }

    @Test
    void aLostConnectionOrAShuttingDownServerIsAnOutage() {
        assertTrue(ApiExceptionMappers.databaseUnavailable(new SQLException("gone", "08006")));
        assertTrue(ApiExceptionMappers.databaseUnavailable(new SQLException("shutting down", "57P03")));
    }

    @Test
    void aConstraintViolationIsNot() {
        assertFalse(ApiExceptionMappers.databaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ApiExceptionMappers.databaseUnavailable(new IllegalStateException("bug")));
    }
}
