package com.clubos.messages.auth;

import com.clubos.messages.api.ApiResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages/staff")
@Tag(name = "Team inbox")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class StaffResource {

    private final StaffDirectory directory;
    private final CurrentStaff staff;

    public StaffResource(StaffDirectory directory, CurrentStaff staff) {
        this.directory = directory;
        this.staff = staff;
    }

    @GET
    @Path("/me")
    @Operation(summary = "Who the token belongs to: {id, name, role}, as assignment and \"Mine\" see it")
    public ApiResponse<StaffMember> me() {
        return ApiResponse.ok(staff.member());
    }

    @GET
    @Operation(summary = "Staff a conversation can be assigned to: our logins and ClubOS users seen recently")
    public ApiResponse<List<StaffMember>> list() {
        return ApiResponse.ok(directory.all());
    }
}
