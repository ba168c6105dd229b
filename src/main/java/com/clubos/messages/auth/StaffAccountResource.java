package com.clubos.messages.auth;

import com.clubos.messages.api.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/admin/staff")
@Tag(name = "Staff accounts", description = "The hosted chat's own sign-ins, managed by admins")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
public class StaffAccountResource {

    private final StaffAccounts accounts;
    private final CurrentStaff staff;

    public StaffAccountResource(StaffAccounts accounts, CurrentStaff staff) {
        this.accounts = accounts;
        this.staff = staff;
    }

    @GET
    @Operation(summary = "Every staff account, active or not, by username")
    public ApiResponse<List<StaffAccountView>> list() {
        return ApiResponse.ok(accounts.list());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an account: {username, displayName, role, password}")
    @APIResponse(responseCode = "201", description = "The account (never its password)")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid, or the password is too weak")
    @APIResponse(responseCode = "409", description = "The username is taken")
    public Response create(@Valid @NotNull(message = "body is required") NewStaffRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.ok(accounts.create(request, staff.member())))
                .build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Change an account: {displayName?, role?, active?, password?}. "
                    + "Deactivation, a new role or a new password ends the account's open sessions at once")
    @APIResponse(responseCode = "400", description = "Nothing to change, an unknown role or a weak password")
    @APIResponse(responseCode = "404", description = "No such account")
    @APIResponse(responseCode = "409", description = "It would leave no active admin, or deactivate yourself")
    public ApiResponse<StaffAccountView> update(
            @PathParam("id") long id, @Valid @NotNull(message = "body is required") StaffUpdateRequest request) {
        return ApiResponse.ok(accounts.update(id, request, staff.member()));
    }
}
