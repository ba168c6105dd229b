package com.clubos.messages.database;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Lets DATABASE_URL be the {@code postgres://user:password@host:port/db?sslmode=…} form ClubOS's own
 * backend uses, not only a JDBC URL: it is turned into the JDBC URL, user and password the datasource
 * reads. Credentials in the URL win over DATABASE_USER / DATABASE_PASSWORD.
 */
public class DatabaseUrlConfigSourceFactory implements ConfigSourceFactory {

    static final String URL_PROPERTY = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(URL_PROPERTY);
        if (url == null || url.getValue() == null || url.getValue().startsWith("jdbc:")) {
            return List.of();
        }
        Optional<PostgresUrl> parsed;
        try {
            parsed = PostgresUrl.parse(url.getValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("DATABASE_URL is " + e.getMessage());
        }
        if (parsed.isEmpty()) {
            return List.of();
        }
        Map<String, String> properties = new HashMap<>();
        properties.put(URL_PROPERTY, parsed.get().jdbcUrl());
        parsed.get().user().ifPresent(user -> properties.put("quarkus.datasource.username", user));
        parsed.get().password().ifPresent(password -> properties.put("quarkus.datasource.password", password));
        return List.of(new PropertiesConfigSource(properties, "database-url", 275));
    }
}
