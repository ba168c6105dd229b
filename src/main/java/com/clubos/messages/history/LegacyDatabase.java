package com.clubos.messages.history;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

/**
 * The ClubOS database the history comes from, opened with plain JDBC (not a Quarkus datasource, so
 * the service starts and runs without it) and read-only: the session refuses every write.
 * {@code LEGACY_DATABASE_URL} is a JDBC URL or the {@code postgres://user:password@host:port/db?sslmode=…}
 * form ClubOS's own backend uses; {@code LEGACY_DATABASE_USER}/{@code _PASSWORD} override its credentials.
 */
@ApplicationScoped
public class LegacyDatabase {

    static final String APPLICATION_NAME = "clubos-messages-history-import";

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
        String url = config.legacyDatabaseUrl().filter(u -> !u.isBlank())
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
        String trimmed = url.strip();
        Target parsed;
        if (trimmed.startsWith("jdbc:postgresql:")) {
            parsed = new Target(trimmed, null, null);
        } else if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
            parsed = fromLibpqUrl(trimmed.substring(trimmed.indexOf("://") + 3));
        } else {
            throw new IllegalArgumentException(
                    "LEGACY_DATABASE_URL must start with jdbc:postgresql:, postgres:// or postgresql://");
        }
        return new Target(parsed.jdbcUrl(),
                user.filter(u -> !u.isBlank()).orElse(parsed.user()),
                password.filter(p -> !p.isEmpty()).orElse(parsed.password()));
    }

    /** {@code user:password@host:port/db?params} (credentials optional, percent-encoded) → JDBC. */
    private static Target fromLibpqUrl(String rest) {
        int slash = rest.indexOf('/', Math.max(rest.lastIndexOf('@'), 0));
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String pathAndQuery = slash < 0 ? "" : rest.substring(slash + 1);
        int at = authority.lastIndexOf('@');
        String hostPort = at < 0 ? authority : authority.substring(at + 1);
        String user = null;
        String password = null;
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        int question = pathAndQuery.indexOf('?');
        String database = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
        String query = question < 0 ? "" : pathAndQuery.substring(question + 1);
        if (hostPort.isBlank()) {
            throw new IllegalArgumentException("LEGACY_DATABASE_URL names no host");
        }
        if (database.isBlank()) {
            throw new IllegalArgumentException("LEGACY_DATABASE_URL names no database (…/<database>)");
        }
        if (!hostPort.matches("[A-Za-z0-9._\\-\\[\\]:,]+") || !database.matches("[^/?#\\s]+")) {
            throw new IllegalArgumentException("LEGACY_DATABASE_URL has an invalid host or database name");
        }
        String jdbc = "jdbc:postgresql://" + hostPort + "/" + database + (query.isEmpty() ? "" : "?" + query);
        return new Target(jdbc, user == null || user.isEmpty() ? null : user, password);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
