package com.clubos.messages.auth;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** After a successful authenticated call, makes its caller known to the {@link StaffDirectory}. */
public class StaffSeenFilter {

    private static final Logger LOG = Logger.getLogger(StaffSeenFilter.class);

    private final Instance<JsonWebToken> token;
    private final CurrentStaff staff;
    private final StaffDirectory directory;

    public StaffSeenFilter(Instance<JsonWebToken> token, CurrentStaff staff, StaffDirectory directory) {
        this.token = token;
        this.staff = staff;
        this.directory = directory;
    }

    @ServerResponseFilter
    public void remember(ContainerRequestContext request, ContainerResponseContext response) {
        // Without a bearer token (webhooks, pages, probes) there is no one to look at: resolving the
        // request's token bean for nothing cost a webhook 4 % of its CPU (issue 19's profile).
        if (response.getStatus() >= 400 || request.getHeaderString(HttpHeaders.AUTHORIZATION) == null) {
            return;
        }
        JsonWebToken jwt = token.get();
        if (jwt == null || jwt.getRawToken() == null || jwt.getName() == null) {
            return;
        }
        String role = staff.role();
        if (role == null) {
            return;
        }
        try {
            directory.seen(new StaffMember(staff.id(), staff.displayName(), role));
        } catch (RuntimeException e) {
            // The answer is already made; being listed for assignment can wait for the next call.
            LOG.debugf("Could not record staff member %s as seen: %s", staff.id(), e.getMessage());
        }
    }
}
