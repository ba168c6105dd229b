package com.clubos.messages.auth;

import java.time.Instant;

/** The token and the user it belongs to, as POST /api/auth/login answers them. */
public record LoginResult(String token, Instant expiresAt, User user) {

    public record User(long id, String username, String name, String role) {
    }
}
