package com.clubos.messages.conversation;

import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.phone.PhoneNumbers;
import io.quarkus.arc.Arc;

/**
 * Names for people, for views built from entities in static code (REST answers and WebSocket events
 * alike): a line's location name and a number in the club's national format.
 */
final class Labels {

    private Labels() {}

    static String line(String lineNumber) {
        return Arc.container().instance(LineDirectory.class).get().nameOf(lineNumber);
    }

    static String phone(String e164) {
        return Arc.container().instance(PhoneNumbers.class).get().display(e164);
    }
}
