package com.clubos.messages.auth;

import java.time.Instant;
import java.util.List;

/** An account as the admin API shows it: never its password hash. {@code lines} empty: every line. */
public record StaffAccountView(
        long id,
        String staffId,
        String username,
        String displayName,
        String role,
        boolean active,
        List<String> lines,
        Instant createdAt,
        Instant lastLoginAt) {

    static StaffAccountView of(StaffUser user) {
        return new StaffAccountView(
                user.id,
                user.staffId(),
                user.username,
                user.displayName,
                user.role,
                user.active,
                List.of(user.lines),
                user.createdAt,
                user.lastLoginAt);
    }
}
