package com.clubos.messages.report;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL written with {@code :name} parameters (a {@code ::} cast is left alone), run on plain JDBC so that
 * arrays bind as PostgreSQL arrays: {@code String[]} as text[], {@code Double[]} as float8[],
 * {@code Long[]} as bigint[]; an {@link Instant} as timestamptz.
 */
final class NamedSql {

    private static final Pattern PARAMETER = Pattern.compile("(?<![:\\w]):([a-zA-Z]\\w*)");

    private final String jdbc;
    private final List<String> names;

    private NamedSql(String jdbc, List<String> names) {
        this.jdbc = jdbc;
        this.names = names;
    }

    static NamedSql of(String sql) {
        List<String> names = new ArrayList<>();
        Matcher matcher = PARAMETER.matcher(sql);
        StringBuilder jdbc = new StringBuilder();
        while (matcher.find()) {
            names.add(matcher.group(1));
            matcher.appendReplacement(jdbc, "?");
        }
        matcher.appendTail(jdbc);
        return new NamedSql(jdbc.toString(), List.copyOf(names));
    }

    PreparedStatement prepare(Connection connection, Map<String, ?> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(jdbc);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                statement.close();
                throw new IllegalArgumentException("No value for :" + name);
            }
            bind(connection, statement, i + 1, values.get(name));
        }
        return statement;
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
        } else if (value instanceof String[] texts) {
            statement.setArray(index, connection.createArrayOf("text", texts));
        } else if (value instanceof Double[] numbers) {
            statement.setArray(index, connection.createArrayOf("float8", numbers));
        } else if (value instanceof Long[] numbers) {
            statement.setArray(index, connection.createArrayOf("int8", numbers));
        } else {
            statement.setObject(index, value);
        }
    }
}
