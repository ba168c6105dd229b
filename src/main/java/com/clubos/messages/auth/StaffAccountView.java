package com.clubos.messages.auth;

import java.time.Instant;

/** An account as the admin API shows it: never its password hash. */
public record StaffAccountView(long id, String staffId, String username, String displayName, String role,
                               boolean active, Instant createdAt, Instant lastLoginAt) {

    static StaffAccountView of(StaffUser user) {
        return new StaffAccountView(user.id, user.staffId(), user.username, user.displayName, user.role,
                user.active, user.createdAt, user.lastLoginAt);
    }
}
