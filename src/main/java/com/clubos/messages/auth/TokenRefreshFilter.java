package com.clubos.messages.auth;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.time.Instant;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Does what ClubOS does for long shifts: when a token this service issued expires within the hour,
 * a successful response carries a fresh one in {@code X-New-Token}. ClubOS's own tokens are left
 * to ClubOS.
 */
public class TokenRefreshFilter {

    static final String HEADER = "X-New-Token";

    private final Instance<JsonWebToken> token;
    private final TokenIssuer issuer;
    private final AuthConfig config;

    public TokenRefreshFilter(Instance<JsonWebToken> token, TokenIssuer issuer, AuthConfig config) {
        this.token = token;
        this.issuer = issuer;
        this.config = config;
    }

    @ServerResponseFilter
    public void refresh(ContainerRequestContext request, ContainerResponseContext response) {
        // Without a bearer token (webhooks, pages, probes) there is no one to look at: resolving the
        // request's token bean for nothing cost a webhook 4 % of its CPU (issue 19's profile).
        if (response.getStatus() >= 400 || request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return;
        }
        JsonWebToken jwt = token.get();
        if (jwt == null || jwt.getRawToken() == null || !StaffSessions.issuedByUs(jwt)) {
            return;
        }
        Instant refreshAfter = Instant.ofEpochSecond(jwt.getExpirationTime()).minus(config.refreshWithin());
        if (Instant.now().isBefore(refreshAfter)) {
            return;
        }
        StaffUser.findByStaffId(jwt.getName())
                .filter(user -> user.active)
                .ifPresent(user -> response.getHeaders()
                        .putSingle(HEADER, issuer.issue(user).token()));
    }
}
