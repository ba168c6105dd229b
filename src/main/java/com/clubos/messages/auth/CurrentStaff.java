package com.clubos.messages.auth;

import jakarta.enterprise.context.RequestScoped;
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
