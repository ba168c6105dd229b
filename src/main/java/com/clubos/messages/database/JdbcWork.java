package com.clubos.messages.database;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.hibernate.Session;

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

    /**
     * Runs {@code work} on the connection of the caller's transaction, as Hibernate holds it, after
     * flushing what the session holds (as a native query would): for the hottest write statements, where
     * Hibernate's per-query set-up cost more than the statement (issue 19's profile). A failure reaches
     * the caller as Hibernate's own JDBC exceptions, so the API treats it like any other query's.
     */
    public static <T> T inTransaction(Work<T> work) {
        Session session = Panache.getEntityManager().unwrap(Session.class);
        session.flush();
        return session.doReturningWork(work::run);
    }

    /** Binds an instant (null included) as a timestamptz. */
    public static void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    }

    /** Binds a string (null included) as text. */
    public static void setText(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    /** A query failed; the API maps it by its cause (a lost connection is a 503, as for any other query). */
    public static final class QueryFailed extends RuntimeException {
        QueryFailed(SQLException cause) {
            super("Query failed: " + cause.getMessage(), cause);
        }
    }
}
