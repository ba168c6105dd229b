package com.clubos.messages.history;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

public enum ImportState {
    RUNNING,
    DONE,
    FAILED,
    CANCELLED;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImportState of(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
