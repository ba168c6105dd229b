package com.clubos.messages.conversation;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.api.Cursor;
import com.clubos.messages.api.QueryParams;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.message.MessageView;
import com.clubos.messages.phone.PhoneNumbers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages")
@Tag(name = "Conversations", description = "Customer conversations, in the ClubOS plan's contract")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class ConversationResource {

    private static final int DEFAULT_CONVERSATIONS = 50;
    private static final int DEFAULT_MESSAGES = 50;

    private final ConversationService service;
    private final MessagesConfig config;
    private final CurrentStaff staff;
    private final PhoneNumbers phoneNumbers;

    public ConversationResource(
            ConversationService service, MessagesConfig config, CurrentStaff staff, PhoneNumbers phoneNumbers) {
        this.service = service;
        this.config = config;
        this.staff = staff;
        this.phoneNumbers = phoneNumbers;
    }

    @GET
    @Path("/conversations")
    @Operation(
            summary = "List conversations, most recent activity first",
            description = "Each item carries lastMessage, messageCount and (unless fields=summary) its recent "
                    + "messages, oldest first. Page with limit/offset or with the before cursor (nextCursor).")
    @APIResponse(responseCode = "200", description = "A page of conversations")
    @APIResponse(responseCode = "400", description = "Bad limit, offset or cursor")
    public ApiPage<ConversationView> list(
            @Parameter(description = "1-200, default 50 (larger values are capped)") @QueryParam("limit") String limit,
            @Parameter(description = "Rows to skip, default 0") @QueryParam("offset") String offset,
            @Parameter(description = "Digits of the number in any formatting, or part of the name")
                    @QueryParam("search")
                    String search,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("before") String before,
            @Parameter(description = "summary: leave out each conversation's recent messages") @QueryParam("fields")
                    String fields,
            @Parameter(description = "me (assigned to the caller), unassigned, or all (default)")
                    @QueryParam("assigned")
                    String assigned,
            @Parameter(description = "Only conversations assigned to this staff id") @QueryParam("assignee")
                    String assignee,
            @Parameter(description = "open, done, or all (default)") @QueryParam("status") String status,
            @Parameter(description = "Only this line (location), as its number in any format") @QueryParam("line")
                    String line) {
        return service.list(
                new ConversationFilter(
                        search,
                        assigneeFilter(assigned, assignee),
                        statusFilter(status),
                        lineFilter(line),
                        service.scope()),
                before == null || before.isBlank() ? null : Cursor.decode(before, "before"),
                QueryParams.offset(offset, "offset"),
                QueryParams.limit(limit, "limit", DEFAULT_CONVERSATIONS, config.maxPageSize()),
                !"summary".equalsIgnoreCase(fields));
    }

    private String assigneeFilter(String assigned, String assignee) {
        if (assignee != null && !assignee.isBlank()) {
            return assignee.strip();
        }
        if (assigned == null || assigned.isBlank() || assigned.equalsIgnoreCase("all")) {
            return null;
        }
        return switch (assigned.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "me", "mine" -> staff.id();
            case "unassigned", "none" -> ConversationFilter.UNASSIGNED;
            default -> throw ApiException.badRequest("assigned: must be me, unassigned or all");
        };
    }

    private String lineFilter(String line) {
        if (line == null || line.isBlank()) {
            return null;
        }
        return phoneNumbers.toE164(line).orElseThrow(() -> ApiException.badRequest("line: not a phone number"));
    }

    private static InboxStatus statusFilter(String status) {
        if (status == null || status.isBlank() || status.equalsIgnoreCase("all")) {
            return null;
        }
        return InboxStatus.parse(status)
                .orElseThrow(() -> ApiException.badRequest("status: must be open, done or all"));
    }

    @GET
    @Path("/conversations/{phoneNumber}")
    @Operation(summary = "Open a conversation: its newest messages (oldest first) and internal notes; marks it read")
    @APIResponse(responseCode = "200", description = "The conversation with messages and olderCursor")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public ApiResponse<ConversationView> open(
            @Parameter(description = "Customer number: E.164 (URL-encoded), digits or national format")
                    @PathParam("phoneNumber")
                    String phoneNumber,
            @Parameter(description = "Our OpenPhone line, when the customer talks to several") @QueryParam("line")
                    String line,
            @Parameter(description = "Messages to return, default 50") @QueryParam("limit") String limit) {
        return ApiResponse.ok(service.open(
                phoneNumber, line, QueryParams.limit(limit, "limit", DEFAULT_MESSAGES, config.maxPageSize())));
    }

    @GET
    @Path("/conversations/{phoneNumber}/messages")
    @Operation(summary = "Older messages of a conversation (history paging); does not mark read")
    @APIResponse(responseCode = "200", description = "A page of messages, oldest first, with nextCursor for older ones")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public ApiPage<MessageView> history(
            @PathParam("phoneNumber") String phoneNumber,
            @QueryParam("line") String line,
            @Parameter(description = "olderCursor / nextCursor from the previous page") @QueryParam("before")
                    String before,
            @QueryParam("limit") String limit) {
        return service.history(
                phoneNumber,
                line,
                before == null || before.isBlank() ? null : Cursor.decode(before, "before"),
                QueryParams.limit(limit, "limit", DEFAULT_MESSAGES, config.maxPageSize()));
    }

    @PUT
    @Path("/conversations/{phoneNumber}/read")
    @Operation(summary = "Mark a conversation read")
    @APIResponse(responseCode = "200", description = "Marked read")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public ApiResponse<Void> markRead(@PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line) {
        service.markRead(phoneNumber, line);
        return ApiResponse.ok();
    }

    @PATCH
    @Path("/conversations/{phoneNumber}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Rename the customer of a conversation: {\"customer_name\": \"…\"}")
    @APIResponse(responseCode = "200", description = "The renamed conversation")
    @APIResponse(responseCode = "400", description = "Blank, too long or control characters")
    @APIResponse(responseCode = "404", description = "Conversation not found")
    public ApiResponse<ConversationView> rename(
            @PathParam("phoneNumber") String phoneNumber, @QueryParam("line") String line, RenameRequest request) {
        return ApiResponse.ok(service.rename(phoneNumber, line, request, staff.displayName()));
    }

    @GET
    @Path("/unread-count")
    @Operation(summary = "Unread messages on the caller's lines, in all and per line")
    @APIResponse(responseCode = "200", description = "{\"totalUnread\": n, \"byLine\": {\"+1…\": n}}")
    public ApiResponse<Map<String, Object>> unreadCount() {
        return ApiResponse.ok(service.unread());
    }
}
