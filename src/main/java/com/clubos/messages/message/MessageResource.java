package com.clubos.messages.message;

import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages")
@Tag(name = "Messages", description = "Sending texts to customers")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class MessageResource {

    private final SendValidator validator;
    private final MessageService messages;
    private final CurrentStaff staff;

    public MessageResource(SendValidator validator, MessageService messages, CurrentStaff staff) {
        this.validator = validator;
        this.messages = messages;
        this.staff = staff;
    }

    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Queue a text to a customer",
            description = "Answers at once with the queued message; it goes out through OpenPhone in the background. "
                    + "The same Idempotency-Key (or clientRef) twice returns the first message and sends once. "
                    + "With sendAt (ISO 8601 with offset, 1 minute to 1 year ahead) it is stored as scheduled and "
                    + "leaves at that time; a customer's text before then cancels it unless sendEvenIfReply is true.")
    @APIResponse(responseCode = "202", description = "Queued (or scheduled, with sendAt)")
    @APIResponse(responseCode = "200", description = "Already queued under this idempotency key")
    @APIResponse(responseCode = "400", description = "A field is missing or invalid")
    @APIResponse(responseCode = "403", description = "from is a line the caller may not use")
    @APIResponse(responseCode = "409", description = "The customer opted out")
    @APIResponse(responseCode = "503", description = "OpenPhone is not configured")
    public Response send(
            SendRequest request,
            @Parameter(description = "Makes retries of the same send safe") @HeaderParam("Idempotency-Key")
                    String idempotencyKey) {
        MessageService.Queued queued =
                messages.queue(validator.validate(request, idempotencyKey), staff.id(), staff.displayName());
        return Response.status(queued.created() ? Response.Status.ACCEPTED : Response.Status.OK)
                .entity(ApiResponse.ok(queued.message()))
                .build();
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a failed message again")
    @APIResponse(responseCode = "200", description = "Queued again")
    @APIResponse(responseCode = "404", description = "No such message")
    @APIResponse(responseCode = "409", description = "The message has not failed")
    public ApiResponse<MessageView> retry(@PathParam("id") long id) {
        return ApiResponse.ok(messages.retry(id, staff.id(), staff.displayName()));
    }
}
