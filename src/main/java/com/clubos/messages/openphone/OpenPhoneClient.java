package com.clubos.messages.openphone;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;

/**
 * OpenPhone's REST API v1, typed. Obtain it from {@link OpenPhoneClients}, which points it at
 * OpenPhone or at the built-in simulator and adds the API key.
 * <p>
 * Calls block: use them from worker threads, never from an event loop. An error answer throws
 * {@link OpenPhoneException}; a timeout or connection failure throws the REST client's
 * {@link jakarta.ws.rs.ProcessingException} (worth retrying, like 429 and 5xx). Null query
 * parameters are left out of the request.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RegisterProvider(OpenPhoneErrorMapper.class)
public interface OpenPhoneClient {

    /** Sends a text; OpenPhone answers 202 with the message, usually {@code queued} or {@code sent}. */
    @POST
    @Path("/messages")
    OpenPhoneData<OpenPhoneMessage> send(SendMessageRequest request);

    @GET
    @Path("/messages/{id}")
    OpenPhoneData<OpenPhoneMessage> message(@PathParam("id") String id);

    /**
     * Messages between one of our lines and the participants, newest first.
     *
     * @param phoneNumberId our line, {@code PN…} (or its E.164 number)
     * @param participants  the other party's E.164 numbers
     * @param maxResults    1–100
     * @param pageToken     {@code nextPageToken} of the previous page
     * @param createdAfter  ISO-8601 instant
     */
    @GET
    @Path("/messages")
    OpenPhoneMessagePage messages(
            @QueryParam("phoneNumberId") String phoneNumberId,
            @QueryParam("participants[]") List<String> participants,
            @QueryParam("maxResults") Integer maxResults,
            @QueryParam("pageToken") String pageToken,
            @QueryParam("createdAfter") String createdAfter);

    /**
     * The workspace's conversations, most recent activity first.
     *
     * @param maxResults   1–100 (required by OpenPhone)
     * @param pageToken    {@code nextPageToken} of the previous page
     * @param updatedAfter ISO-8601 instant: only conversations active since then
     */
    @GET
    @Path("/conversations")
    OpenPhoneConversationPage conversations(
            @QueryParam("maxResults") Integer maxResults,
            @QueryParam("pageToken") String pageToken,
            @QueryParam("updatedAfter") String updatedAfter);

    @GET
    @Path("/phone-numbers")
    OpenPhoneData<List<OpenPhoneNumber>> phoneNumbers();

    @GET
    @Path("/contacts")
    OpenPhoneContactPage contacts(
            @QueryParam("maxResults") Integer maxResults, @QueryParam("pageToken") String pageToken);
}
