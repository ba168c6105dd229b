package com.clubos.messages.media;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.auth.Roles;
import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.message.Message;
import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages/{id}/media/{index}")
@Tag(name = "Messages")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.SUPPORT})
public class MediaResource {

    private final MediaProxy proxy;
    private final CurrentScope scope;

    public MediaResource(MediaProxy proxy, CurrentScope scope) {
        this.proxy = proxy;
        this.scope = scope;
    }

    @GET
    @Operation(summary = "One attachment of a message (a customer's picture), fetched from OpenPhone's storage")
    @APIResponse(responseCode = "200", description = "The attachment, with its content type")
    @APIResponse(responseCode = "404", description = "No such message or attachment (or another location's)")
    @APIResponse(responseCode = "502", description = "OpenPhone's storage did not give it")
    public Response attachment(@PathParam("id") long id, @PathParam("index") int index) {
        Map<String, Object> item = find(id, index);
        MediaProxy.Fetched fetched = proxy.fetch(
                String.valueOf(item.get("url")), item.get("type") == null ? null : String.valueOf(item.get("type")));
        StreamingOutput body = out -> {
            try (InputStream in = fetched.body()) {
                in.transferTo(out);
            }
        };
        // Whatever a customer sent must not run as a page of ours: only pictures, sound and video are
        // shown inline; anything else (HTML, SVG, vCards…) is a download, sandboxed either way.
        boolean inline = showsInline(fetched.contentType());
        Response.ResponseBuilder response = Response.ok(
                        body, inline ? fetched.contentType() : "application/octet-stream")
                .header("Cache-Control", "private, max-age=86400")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Content-Disposition", inline ? "inline" : "attachment");
        if (fetched.length() >= 0) {
            response.header("Content-Length", fetched.length());
        }
        return response.build();
    }

    static boolean showsInline(String contentType) {
        String type = contentType.toLowerCase(java.util.Locale.ROOT);
        return (type.startsWith("image/") && !type.startsWith("image/svg"))
                || type.startsWith("audio/")
                || type.startsWith("video/");
    }

    @Transactional
    Map<String, Object> find(long id, int index) {
        Message message = Message.findById(id);
        if (message == null || !scope.sees(Conversation.<Conversation>findById(message.conversationId).lineNumber)) {
            throw ApiException.notFound("Message not found");
        }
        List<Map<String, Object>> media = message.media == null ? List.of() : message.media;
        if (index < 0 || index >= media.size() || media.get(index).get("url") == null) {
            throw ApiException.notFound("This message has no attachment " + index);
        }
        return media.get(index);
    }
}
