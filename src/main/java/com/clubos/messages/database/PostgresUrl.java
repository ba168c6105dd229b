package com.clubos.messages.database;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A PostgreSQL address as JDBC wants it, from either form ops may paste: a JDBC URL
 * ({@code jdbc:postgresql://host:5432/db?…}) or the {@code postgres://user:password@host:port/db?sslmode=…}
 * form Node backends such as ClubOS's use (credentials are taken out of the URL).
 */
public record PostgresUrl(String jdbcUrl, Optional<String> user, Optional<String> password) {

    /** Reads either form; null or blank → empty; anything else that is no PostgreSQL URL → IllegalArgumentException. */
    public static Optional<PostgresUrl> parse(String url) {
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String trimmed = url.strip();
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return Optional.of(new PostgresUrl(trimmed, Optional.empty(), Optional.empty()));
        }
        if (!trimmed.startsWith("postgres://") && !trimmed.startsWith("postgresql://")) {
            throw new IllegalArgumentException("not a PostgreSQL URL (jdbc:postgresql://… or postgres://…)");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "not a valid URL (a password with special characters must be %-encoded)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL names no host");
        }
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://").append(uri.getHost());
        if (uri.getPort() > 0) {
            jdbc.append(':').append(uri.getPort());
        }
        jdbc.append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
        if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
            // node-postgres' "no-verify" means TLS without certificate checks, which pgjdbc calls "require".
            jdbc.append('?').append(uri.getRawQuery().replace("sslmode=no-verify", "sslmode=require"));
        }
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            user = Optional.of(decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        return Optional.of(new PostgresUrl(jdbc.toString(), user, password));
    }

    private static String decode(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The URL for logs: never the credentials. */
    @Override
    public String toString() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }
}
