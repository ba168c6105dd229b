package com.clubos.messages.auth;

import java.time.Instant;

/** The token and the user it belongs to, as POST /api/auth/login answers them. */
public record LoginResult(String token, Instant expiresAt, User user) {

    static LoginResult of(TokenIssuer.IssuedToken issued, StaffUser staff) {
        return new LoginResult(
                issued.token(), issued.expiresAt(), new User(staff.id, staff.username, staff.displayName, staff.role));
    }

    public record User(long id, String username, String name, String role) {}
}
