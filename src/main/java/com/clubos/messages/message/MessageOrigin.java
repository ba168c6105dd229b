package com.clubos.messages.message;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a message was written when no person wrote it just then; a message a person wrote has none.
 * Reports count only person-written staff texts as responses.
 */
public enum MessageOrigin {
    /** An automatic reply: the opt-out confirmation, the HELP answer. */
    AUTO,
    /** Written earlier by staff, sent at its time. */
    SCHEDULED,
    /** One recipient's text of a bulk send. */
    CAMPAIGN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
