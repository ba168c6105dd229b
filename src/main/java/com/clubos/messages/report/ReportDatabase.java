package com.clubos.messages.report;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Connections for reports, on plain JDBC: reads run in one read-only REPEATABLE READ transaction, so
 * every figure of an answer comes from the same snapshot; JIT compilation is off for them (it costs more
 * than these short aggregations gain). Every execution is planned for its own range: from the sixth run
 * of a statement on a connection PostgreSQL may switch to a generic plan, which guesses that a date range
 * holds 0.5 % of the rows and picks sorts and merge joins that are several times slower on a month.
 */
@ApplicationScoped
class ReportDatabase {

    /** Work done on a connection inside a transaction. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final String PLANNING = "SET LOCAL work_mem = '32MB'; SET LOCAL plan_cache_mode = force_custom_plan";

    private final AgroalDataSource dataSource;

    ReportDatabase(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    <T> T read(Work<T> work) {
        return inTransaction(
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY; SET LOCAL jit = off; " + PLANNING, work);
    }

    <T> T write(Work<T> work) {
        return inTransaction("SET LOCAL jit = off; " + PLANNING, work);
    }

    private <T> T inTransaction(String setUp, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(setUp);
                }
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new ReportQueryFailed(e);
        }
    }

    /** A report query failed; the cause (a connection failure: 503) decides what the caller sees. */
    static final class ReportQueryFailed extends RuntimeException {
        ReportQueryFailed(SQLException cause) {
            super("Report query failed: " + cause.getMessage(), cause);
        }
    }
}
