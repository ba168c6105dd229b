package com.clubos.messages.history;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** Where history comes from: ClubOS's own table, or OpenPhone's API. */
public enum ImportSource {
    CLUBOS,
    OPENPHONE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ImportSource> parse(String value) {
        for (ImportSource source : values()) {
            if (source.wire().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
