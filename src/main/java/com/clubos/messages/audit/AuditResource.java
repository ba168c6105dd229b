package com.clubos.messages.audit;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.Cursor;
import com.clubos.messages.api.QueryParams;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/audit")
@Tag(name = "Audit", description = "Who did what: sends, retries, logins, assignments, opt-outs, snippets")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final int MAX_FILTER_LENGTH = 200;

    private final AuditService service;
    private final PhoneNumbers phoneNumbers;

    public AuditResource(AuditService service, PhoneNumbers phoneNumbers) {
        this.service = service;
        this.phoneNumbers = phoneNumbers;
    }

    @GET
    @Operation(summary = "Audit entries, newest first (admins only); page with nextCursor")
    @APIResponse(responseCode = "200", description = "A page of entries")
    @APIResponse(responseCode = "400", description = "Bad filter, time or cursor")
    @APIResponse(responseCode = "403", description = "Not an admin")
    public ApiPage<AuditView> list(
            @Parameter(description = "Exact action (message.send) or a family ending in a dot (optout.)")
                    @QueryParam("action")
                    String action,
            @Parameter(description = "Who acted (staff name, username, or the customer's number for opt-outs)")
                    @QueryParam("actor")
                    String actor,
            @Parameter(description = "What was acted on: a customer number in any format, or a snippet name")
                    @QueryParam("target")
                    String target,
            @Parameter(description = "ISO-8601 instant, inclusive") @QueryParam("since") String since,
            @Parameter(description = "ISO-8601 instant, exclusive") @QueryParam("until") String until,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("before") String before,
            @Parameter(description = "1-500, default 50") @QueryParam("limit") String limit) {
        AuditFilter filter = new AuditFilter(
                text(action, "action"),
                text(actor, "actor"),
                target(target),
                instant(since, "since"),
                instant(until, "until"));
        return service.page(
                filter,
                before == null || before.isBlank() ? null : Cursor.decode(before, "before"),
                QueryParams.limit(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT));
    }

    private String target(String value) {
        String target = text(value, "target");
        return target == null ? null : phoneNumbers.toE164(target).orElse(target);
    }

    private static String text(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER_LENGTH) {
            throw ApiException.badRequest(name + ": must be at most " + MAX_FILTER_LENGTH + " characters");
        }
        return value.strip();
    }

    private static Instant instant(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + ": must be an ISO-8601 instant such as 2026-11-27T09:00:00Z");
        }
    }
}
