package com.clubos.messages.report;

import com.clubos.messages.api.ApiException;
import java.util.Locale;

/** What a time series counts. */
public enum Metric {
    INBOUND,
    OUTBOUND,
    NEW_CONVERSATIONS,
    FIRST_RESPONSE;

    static Metric parse(String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("metric: required (inbound, outbound, new_conversations or first_response)");
        }
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("metric: must be inbound, outbound, new_conversations or first_response");
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
