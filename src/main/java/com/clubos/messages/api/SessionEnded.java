package com.clubos.messages.api;

import io.quarkus.security.AuthenticationFailedException;

/** A valid token whose session was ended (account deactivated, role or password changed): 401 saying so. */
public final class SessionEnded {

    public static final String MESSAGE = "Your session has ended because your account was changed; sign in again";

    private SessionEnded() {}

    public static AuthenticationFailedException exception() {
        return new AuthenticationFailedException(MESSAGE);
    }

    static boolean is(AuthenticationFailedException e) {
        return MESSAGE.equals(e.getMessage());
    }
}
