package com.clubos.messages.conversation;

import com.clubos.messages.line.LineDirectory;
import io.quarkus.arc.Arc;

/** A line's location name, for messages written where no bean is at hand. */
final class Labels {

    private Labels() {}

    static String line(String lineNumber) {
        return Arc.container().instance(LineDirectory.class).get().nameOf(lineNumber);
    }
}
