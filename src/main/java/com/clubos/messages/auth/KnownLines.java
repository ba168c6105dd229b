package com.clubos.messages.auth;

import java.util.Optional;

/** Our lines as staff accounts name them (implemented by the lines feature, which knows them). */
public interface KnownLines {

    /** The E.164 number of our line that {@code entry} names (a number in any format, a PN… id or a name). */
    Optional<String> resolve(String entry);
}
