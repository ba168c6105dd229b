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
    void aCommitCutOffByADatabaseRestartIsAnOutage() {
        // What Narayana throws when PostgreSQL terminates the connection during the commit.
        var commit = new javax.transaction.xa.XAException("Error trying to transactionCommit local transaction");
        commit.initCause(new SQLException("terminating connection due to administrator command", "57P01"));
        var rollback = new jakarta.transaction.RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commit);
        assertTrue(ApiExceptionMappers.databaseUnavailable(
                new RuntimeException("Error invoking subclass method", rollback)));
    }

    @Test
    void aConstraintViolationIsNot() {
        assertFalse(ApiExceptionMappers.databaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ApiExceptionMappers.databaseUnavailable(new IllegalStateException("bug")));
    }
}
