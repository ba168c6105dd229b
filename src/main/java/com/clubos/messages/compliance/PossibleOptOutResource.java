package com.clubos.messages.compliance;

import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.conversation.ConversationView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A customer's text flagged as a possible opt-out ({@code possible_opt_out} on the conversation).
 * Every role may confirm it (honouring a revocation can never be wrong); only admins and operators may
 * dismiss it, since dismissing keeps texting someone who may have asked us to stop.
 */
@Path("/api/messages/conversations/{phoneNumber}/possible-opt-out")
@Tag(name = "Opt-out", description = "STOP compliance")
@SecurityRequirement(name = "jwt")
@Produces(MediaType.APPLICATION_JSON)
public class PossibleOptOutResource {

    private final PossibleOptOuts possibleOptOuts;
    private final CurrentStaff staff;

    public PossibleOptOutResource(PossibleOptOuts possibleOptOuts, CurrentStaff staff) {
        this.possibleOptOuts = possibleOptOuts;
        this.staff = staff;
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
    @Operation(
            summary = "Confirm a flagged text as an opt-out (audited)",
            description = "Opts the customer out as of their text, as a STOP would: waiting and scheduled texts "
                    + "are cancelled and one confirmation text goes out.")
    @APIResponse(responseCode = "200", description = "The conversation, now opted out")
    @APIResponse(responseCode = "404", description = "No such conversation on the caller's lines")
    @APIResponse(responseCode = "409", description = "Nothing is flagged, or another text is flagged now")
    public ApiResponse<ConversationView> confirm(
            @PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line, PossibleOptOutRequest body) {
        return ApiResponse.ok(possibleOptOuts.confirm(
                phoneNumber, line, body == null ? null : body.messageId(), staff.id(), staff.displayName()));
    }

    @POST
    @Path("/dismiss")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @Operation(summary = "Dismiss a flagged text: it was not an opt-out (admins and operators; audited)")
    @APIResponse(responseCode = "200", description = "The conversation, flag cleared")
    @APIResponse(responseCode = "403", description = "Support staff cannot dismiss")
    @APIResponse(responseCode = "404", description = "No such conversation on the caller's lines")
    @APIResponse(responseCode = "409", description = "Nothing is flagged, or another text is flagged now")
    public ApiResponse<ConversationView> dismiss(
            @PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line, PossibleOptOutRequest body) {
        return ApiResponse.ok(possibleOptOuts.dismiss(
                phoneNumber, line, body == null ? null : body.messageId(), staff.id(), staff.displayName()));
    }
}
