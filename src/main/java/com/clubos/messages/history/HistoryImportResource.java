package com.clubos.messages.history;

import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.api.QueryParams;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/imports")
@Tag(name = "History import", description = "Import ClubOS's conversations and backfill from OpenPhone (admins only)")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class HistoryImportResource {

    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 100;

    private final HistoryImportService service;
    private final CurrentStaff staff;

    public HistoryImportResource(HistoryImportService service, CurrentStaff staff) {
        this.service = service;
        this.staff = staff;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Start an import: {\"source\":\"clubos\"} or {\"source\":\"openphone\",\"since\":\"2025-01-01T00:00:00Z\"}")
    @APIResponse(
            responseCode = "202",
            description = "Started; follow it with GET /api/admin/imports/{id} or the admin socket")
    @APIResponse(responseCode = "400", description = "Unknown source or bad since")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "An import of this source is already running")
    @APIResponse(
            responseCode = "503",
            description = "The source is not configured (LEGACY_DATABASE_URL, OPENPHONE_API_KEY)")
    public Response start(ImportRequest request) {
        return Response.status(Response.Status.ACCEPTED)
                .entity(ApiResponse.ok(service.start(request, staff.displayName())))
                .build();
    }

    @GET
    @Operation(summary = "Imports, newest first")
    public ApiResponse<List<ImportView>> list(
            @Parameter(description = "1-100, default 20") @QueryParam("limit") String limit) {
        return ApiResponse.ok(service.recent(QueryParams.limit(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT)));
    }

    @GET
    @Path("/{id}")
    @Operation(
            summary =
                    "One import: state, conversations {done,total}, messages {imported,duplicates,skipped}, first errors")
    @APIResponse(responseCode = "404", description = "No such import")
    public ApiResponse<ImportView> get(@PathParam("id") long id) {
        return ApiResponse.ok(service.get(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(summary = "Cancel a running import; what it imported stays, and a new import adds only the rest")
    @APIResponse(responseCode = "404", description = "No such import")
    @APIResponse(responseCode = "409", description = "The import is not running")
    public ApiResponse<ImportView> cancel(@PathParam("id") long id) {
        return ApiResponse.ok(service.cancel(id, staff.displayName()));
    }
}
