package com.clubos.messages.database;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC on the service's datasource, for read paths that map rows straight into views (issue 19).
 * Inside a transaction the connection is the transaction's own (Agroal hands out the one it enlisted),
 * so such reads see what the transaction wrote; outside one it is an auto-commit connection.
 */
@ApplicationScoped
public class JdbcWork {

    /** Work done with a connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final AgroalDataSource dataSource;

    JdbcWork(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work}; a failure reaches the caller unchecked, with the SQLException as its cause. */
    public <T> T run(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new QueryFailed(e);
        }
    }

    /** A query failed; the API maps it by its cause (a lost connection is a 503, as for any other query). */
    public static final class QueryFailed extends RuntimeException {
        QueryFailed(SQLException cause) {
            super("Query failed: " + cause.getMessage(), cause);
        }
    }
}
