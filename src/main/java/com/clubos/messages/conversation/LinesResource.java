package com.clubos.messages.conversation;

import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.line.LineDirectory;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages/lines")
@Tag(name = "Locations", description = "Our OpenPhone lines, one per club location")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
@Produces(MediaType.APPLICATION_JSON)
public class LinesResource {

    private final LineDirectory lines;
    private final CurrentScope scope;

    public LinesResource(LineDirectory lines, CurrentScope scope) {
        this.lines = lines;
        this.scope = scope;
    }

    /** One line as the location switcher shows it. */
    public record LineView(String number, String openphoneId, String name, long unread) {}

    @GET
    @Transactional
    @Operation(summary = "The lines the caller may see, the default first, each with its unread count")
    public ApiResponse<List<LineView>> list() {
        Map<String, Long> unread = Conversation.unreadByLine();
        return ApiResponse.ok(lines.all().stream()
                .filter(line -> scope.sees(line.number()))
                .map(line -> new LineView(
                        line.number(), line.openphoneId(), line.name(), unread.getOrDefault(line.number(), 0L)))
                .toList());
    }
}
