package com.clubos.messages.schedule;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.api.Cursor;
import com.clubos.messages.api.QueryParams;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.conversation.MessagesConfig;
import com.clubos.messages.message.MessageView;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Scheduled messages (written by POST /api/messages/send with sendAt): list, edit, cancel. */
@Path("/api/messages")
@Tag(name = "Scheduled messages", description = "Texts written now that leave at a set time")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class ScheduledMessageResource {

    private static final int DEFAULT_LIMIT = 50;

    private final ScheduleService schedule;
    private final CurrentStaff staff;
    private final PhoneNumbers phoneNumbers;
    private final MessagesConfig config;

    public ScheduledMessageResource(
            ScheduleService schedule, CurrentStaff staff, PhoneNumbers phoneNumbers, MessagesConfig config) {
        this.schedule = schedule;
        this.staff = staff;
        this.phoneNumbers = phoneNumbers;
        this.config = config;
    }

    @GET
    @Path("/scheduled")
    @Operation(
            summary = "Scheduled messages not yet sent, soonest first",
            description = "Only the caller's lines; each carries sendAt, sendEvenIfReply, customerName and lineName. "
                    + "Page on with after=nextCursor.")
    @APIResponse(responseCode = "200", description = "A page of scheduled messages")
    @APIResponse(responseCode = "400", description = "A bad line, conversationId, after or limit")
    public ApiPage<ScheduledView> list(
            @Parameter(description = "Only this line (location), any number format") @QueryParam("line") String line,
            @Parameter(description = "Only this conversation") @QueryParam("conversationId") String conversationId,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("after") String after,
            @QueryParam("limit") String limit) {
        String lineNumber = line == null || line.isBlank()
                ? null
                : phoneNumbers.toE164(line).orElseThrow(() -> ApiException.badRequest("line: not a phone number"));
        Long conversation = conversationId == null || conversationId.isBlank()
                ? null
                : (long) QueryParams.limit(conversationId, "conversationId", 1, Integer.MAX_VALUE);
        return schedule.list(
                lineNumber,
                conversation,
                after == null || after.isBlank() ? null : Cursor.decode(after, "after"),
                QueryParams.limit(limit, "limit", DEFAULT_LIMIT, config.maxPageSize()));
    }

    @PATCH
    @Path("/{id:\\d+}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a scheduled message's text, sendAt or sendEvenIfReply (audited)")
    @APIResponse(responseCode = "200", description = "The message as it now is")
    @APIResponse(responseCode = "400", description = "A field is invalid, or none was given")
    @APIResponse(responseCode = "404", description = "No such message on the caller's lines")
    @APIResponse(responseCode = "409", description = "It is no longer scheduled (sent or cancelled)")
    public ApiResponse<MessageView> update(@PathParam("id") long id, UpdateScheduledRequest request) {
        return ApiResponse.ok(schedule.update(id, request, staff.id(), staff.displayName()));
    }

    @DELETE
    @Path("/{id:\\d+}")
    @Operation(summary = "Cancel a scheduled message (audited); it stays in the thread as cancelled")
    @APIResponse(responseCode = "200", description = "The message, now cancelled")
    @APIResponse(responseCode = "404", description = "No such message on the caller's lines")
    @APIResponse(responseCode = "409", description = "It is no longer scheduled (sent or cancelled)")
    public ApiResponse<MessageView> cancel(@PathParam("id") long id) {
        return ApiResponse.ok(schedule.cancel(id, staff.id(), staff.displayName()));
    }
}
