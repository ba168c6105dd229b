package com.clubos.messages.history;

import com.clubos.messages.database.PostgresUrl;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The ClubOS database the history comes from, opened with plain JDBC (not a Quarkus datasource, so
 * the service starts and runs without it) and read-only: the session refuses every write.
 * {@code LEGACY_DATABASE_URL} is a JDBC URL or the {@code postgres://user:password@host:port/db?sslmode=…}
 * form ClubOS's own backend uses; {@code LEGACY_DATABASE_USER}/{@code _PASSWORD} override its credentials.
 */
@ApplicationScoped
public class LegacyDatabase {

    static final String APPLICATION_NAME = "clubos-messages-history-import";
    private static final Pattern NO_DATABASE = Pattern.compile("jdbc:postgresql://[^/?]*/?(\\?.*)?");

    private final HistoryConfig config;

    public LegacyDatabase(HistoryConfig config) {
        this.config = config;
    }

    /** Where to connect; {@link #toString()} never shows the password. */
    record Target(String jdbcUrl, String user, String password) {
        @Override
        public String toString() {
            return "Target[" + jdbcUrl + ", user=" + user + "]";
        }
    }

    public boolean configured() {
        return config.legacyDatabaseUrl().filter(url -> !url.isBlank()).isPresent();
    }

    /** The configured target; IllegalArgumentException (naming the variable, never the password) when it is malformed. */
    Target target() {
        String url = config.legacyDatabaseUrl()
                .filter(u -> !u.isBlank())
                .orElseThrow(() -> new IllegalArgumentException("LEGACY_DATABASE_URL is not set"));
        return parse(url, config.legacyDatabaseUser(), config.legacyDatabasePassword());
    }

    /** Opens a read-only connection to the ClubOS database. */
    Connection open() throws SQLException {
        Target target;
        try {
            target = target();
        } catch (IllegalArgumentException e) {
            throw new ImportFailed(e.getMessage());
        }
        Properties properties = new Properties();
        if (target.user() != null) {
            properties.setProperty("user", target.user());
        }
        if (target.password() != null) {
            properties.setProperty("password", target.password());
        }
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always");
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("loginTimeout", "10");
        properties.setProperty("socketTimeout", "300");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = DriverManager.getConnection(target.jdbcUrl(), properties);
        try {
            connection.setReadOnly(true);
            connection.setAutoCommit(false); // a cursor needs a transaction; it is a read-only one
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    static Target parse(String url, Optional<String> user, Optional<String> password) {
        PostgresUrl parsed;
        try {
            parsed = PostgresUrl.parse(url).orElseThrow(() -> new IllegalArgumentException("is not set"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LEGACY_DATABASE_URL: " + e.getMessage());
        }
        if (NO_DATABASE.matcher(parsed.jdbcUrl()).matches()) {
            throw new IllegalArgumentException("LEGACY_DATABASE_URL names no database (…/<database>)");
        }
        return new Target(
                parsed.jdbcUrl(),
                user.filter(u -> !u.isBlank()).or(parsed::user).orElse(null),
                password.filter(p -> !p.isEmpty()).or(parsed::password).orElse(null));
    }
}
