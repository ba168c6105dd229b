package com.clubos.messages.line;

import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** The caller's {@link LineScope}, worked out once per request. */
@RequestScoped
public class CurrentScope {

    private final JsonWebToken token;
    private final LineAccess access;
    private LineScope scope;

    public CurrentScope(JsonWebToken token, LineAccess access) {
        this.token = token;
        this.access = access;
    }

    public LineScope get() {
        if (scope == null) {
            scope = access.scopeOf(token);
        }
        return scope;
    }

    public boolean sees(String line) {
        return get().sees(line);
    }
}
