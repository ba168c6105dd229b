package com.clubos.messages.conversation;

import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages")
@Tag(name = "Team inbox", description = "Assignment, open/done and internal notes of a conversation")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class InboxResource {

    private final InboxService inbox;
    private final CurrentStaff staff;

    public InboxResource(InboxService inbox, CurrentStaff staff) {
        this.inbox = inbox;
        this.staff = staff;
    }

    @PUT
    @Path("/conversations/{phoneNumber}/assignee")
    @Operation(summary = "Assign the conversation: {\"assigneeId\": \"staff-2\"}, \"me\", or null to unassign")
    @APIResponse(responseCode = "200", description = "The conversation with its new assignee; pushed to every client")
    @APIResponse(responseCode = "400", description = "No such staff member")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public ApiResponse<ConversationView> assign(
            @PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line, AssignRequest request) {
        return ApiResponse.ok(inbox.assign(phoneNumber, line, request, staff.member()));
    }

    @PUT
    @Path("/conversations/{phoneNumber}/status")
    @Operation(summary = "Mark the conversation done or open: {\"status\": \"done\"}; a customer's text reopens it")
    @APIResponse(responseCode = "200", description = "The conversation with its new status")
    @APIResponse(responseCode = "400", description = "Status is not open or done")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public ApiResponse<ConversationView> setStatus(
            @PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line, InboxStatusRequest request) {
        return ApiResponse.ok(inbox.setStatus(phoneNumber, line, request, staff.member()));
    }

    @POST
    @Path("/conversations/{phoneNumber}/notes")
    @Operation(summary = "Add an internal note: {\"text\": \"…\"}; staff only, never sent to the customer")
    @APIResponse(responseCode = "201", description = "The note; pushed to every client as note.created")
    @APIResponse(responseCode = "400", description = "Blank, too long or control characters")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public Response addNote(
            @PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line, NoteRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.ok(inbox.addNote(phoneNumber, line, request, staff.member())))
                .build();
    }
}
