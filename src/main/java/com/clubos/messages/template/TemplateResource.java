package com.clubos.messages.template;

import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages/templates")
@Tag(name = "Snippets", description = "Message templates: every role uses them, admins edit them")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class TemplateResource {

    private final TemplateService service;
    private final CurrentStaff staff;

    public TemplateResource(TemplateService service, CurrentStaff staff) {
        this.service = service;
        this.staff = staff;
    }

    @GET
    @Operation(summary = "Snippets by name; search matches any part of the name or text")
    public ApiResponse<List<TemplateView>> list(@QueryParam("search") String search) {
        return ApiResponse.ok(service.list(search));
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One snippet")
    @APIResponse(responseCode = "404", description = "Snippet not found")
    public ApiResponse<TemplateView> get(@PathParam("id") long id) {
        return ApiResponse.ok(service.get(id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create a snippet (admins): {\"name\": \"…\", \"body\": \"Hi {{first_name}}…\"}")
    @APIResponse(responseCode = "201", description = "The snippet")
    @APIResponse(responseCode = "400", description = "Blank or too long, or an unknown placeholder")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "A snippet with this name exists")
    public Response create(TemplateRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.ok(service.create(request, staff.member())))
                .build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a snippet (admins)")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Snippet not found")
    public ApiResponse<TemplateView> update(@PathParam("id") long id, TemplateRequest request) {
        return ApiResponse.ok(service.update(id, request, staff.member()));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a snippet (admins)")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "404", description = "Snippet not found")
    public ApiResponse<Void> delete(@PathParam("id") long id) {
        service.delete(id, staff.member());
        return ApiResponse.ok();
    }

    @POST
    @Path("/{id}/render")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "The snippet filled for a conversation: {\"to\": \"+1…\"} → {\"text\": \"…\"}")
    @APIResponse(responseCode = "200", description = "The filled text, ready for the composer")
    @APIResponse(responseCode = "422", description = "A placeholder has no value for this conversation")
    public ApiResponse<Map<String, String>> render(@PathParam("id") long id, RenderRequest request) {
        return ApiResponse.ok(Map.of("text", service.render(id, request, staff.member())));
    }
}
