package com.clubos.messages.auth;

import jakarta.enterprise.context.RequestScoped;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The staff member behind the current request, named the way audit entries and messages show them. */
@RequestScoped
public class CurrentStaff {

    private final JsonWebToken token;

    public CurrentStaff(JsonWebToken token) {
        this.token = token;
    }

    /** A stable id for limits and audit: ClubOS's userId, or our own "staff-N". */
    public String id() {
        return token.getName();
    }

    /** The staff role the token grants (admin, operator or support), or null when it grants none. */
    public String role() {
        for (String role : new String[] {Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT}) {
            if (token.getGroups() != null && token.getGroups().contains(role)) {
                return role;
            }
        }
        return null;
    }

    /** The caller as the staff directory and audit entries name them. */
    public StaffMember member() {
        return new StaffMember(id(), displayName(), role());
    }

    /** Our own account's id ("staff-12") when the token is one this service issued; empty for ClubOS users. */
    public java.util.Optional<String> ownAccountId() {
        return StaffSessions.issuedByUs(token) ? java.util.Optional.ofNullable(id()) : java.util.Optional.empty();
    }

    /** The caller's session, as GET /api/auth/me answers it. */
    public SessionView session() {
        Instant expiresAt = token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime()) : null;
        return new SessionView(id(), displayName(), role(), ownAccountId().isPresent() ? "local" : "clubos", expiresAt);
    }

    public boolean isAdmin() {
        return Roles.ADMIN.equals(role());
    }

    /** A readable name: the token's name claim, else its email, else the user id. */
    public String displayName() {
        for (String claim : new String[] {"name", "email", "username"}) {
            Object value = token.getClaim(claim);
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return id();
    }
}
