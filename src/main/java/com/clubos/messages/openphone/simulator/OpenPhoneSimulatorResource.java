package com.clubos.messages.openphone.simulator;

import com.clubos.messages.openphone.OpenPhoneConfig;
import com.clubos.messages.openphone.simulator.SimulatorJson.FieldProblem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A fake OpenPhone for demo mode and whole-loop tests: the v1 endpoints the service uses, in
 * OpenPhone's shapes, with its validation, its 10 requests/second limit and its webhooks. Answers
 * 404 everywhere unless {@code openphone.simulator=true}. Left out of the OpenAPI document.
 */
@Path("/openphone-simulator")
@Produces(MediaType.APPLICATION_JSON)
public class OpenPhoneSimulatorResource {

    private final OpenPhoneConfig openPhone;
    private final SimulatorRateLimiter limiter;
    private final SimulatedMessages messages;
    private final SimulatedWebhooks webhooks;
    private final SimulatedWorkspace workspace;
    private final ObjectMapper json;

    public OpenPhoneSimulatorResource(
            OpenPhoneConfig openPhone,
            SimulatorRateLimiter limiter,
            SimulatedMessages messages,
            SimulatedWebhooks webhooks,
            SimulatedWorkspace workspace,
            ObjectMapper json) {
        this.openPhone = openPhone;
        this.limiter = limiter;
        this.messages = messages;
        this.webhooks = webhooks;
        this.workspace = workspace;
        this.json = json;
    }

    @POST
    @Operation(hidden = true)
    @Path("/v1/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response send(@HeaderParam("Authorization") String authorization, String body) {
        Response refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return badRequest(List.of(new FieldProblem("", "Expected a JSON body", null)));
        }
        List<FieldProblem> problems = SimulatedSendValidation.problems(request);
        if (!problems.isEmpty()) {
            return badRequest(problems);
        }
        String from = workspace.lineNumber(request.get("from").asText());
        SimulatedMessage sent = messages.add(
                from, request.get("to").get(0).asText(), request.get("content").asText(), "outgoing", "sent");
        webhooks.deliverLater(sent);
        return SimulatorJson.data(202, SimulatorJson.message(sent));
    }

    @GET
    @Operation(hidden = true)
    @Path("/v1/messages/{id}")
    public Response message(@HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
        Response refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        return messages.find(id)
                .map(m -> SimulatorJson.data(200, SimulatorJson.message(m)))
                .orElseGet(() -> SimulatorJson.error(404, "0200404", "Not Found", "Message not found", List.of()));
    }

    /** Newest first, so that a reconciler can find what it sent before a crash. */
    @GET
    @Operation(hidden = true)
    @Path("/v1/messages")
    public Response messages(
            @HeaderParam("Authorization") String authorization,
            @QueryParam("participants[]") List<String> participants,
            @QueryParam("participants") List<String> participantsPlain,
            @QueryParam("maxResults") Integer maxResults,
            @QueryParam("pageToken") String pageToken,
            @QueryParam("createdAfter") String createdAfter) {
        Response refused = refuse(authorization);
        if (refused != null) {
            return refused;
        }
        Set<String> who = new HashSet<>(participants);
        who.addAll(participantsPlain);
        int limit = maxResults == null ? 10 : maxResults;
        int offset;
        Instant after;
        try {
            offset = pageToken == null || pageToken.isBlank() ? 0 : Integer.parseInt(pageToken);
            after = createdAfter == null || createdAfter.isBlank() ? null : Instant.parse(createdAfter);
        } catch (NumberFormatException | DateTimeParseException e) {
            return badRequest(List.of(new FieldProblem("/pageToken", "Invalid pageToken or createdAfter", null)));
        }
        if (who.isEmpty() || limit < 1 || limit > 100 || offset < 0) {
            return badRequest(List.of(new FieldProblem(
                    "/participants", "Expected participants[] and maxResults between 1 and 100", null)));
        }
        List<SimulatedMessage> found = messages.with(who, after);
        ArrayNode data = SimulatorJson.array();
        found.stream().skip(offset).limit(limit).map(SimulatorJson::message).forEach(data::add);
        String next = offset + limit < found.size() ? String.valueOf(offset + limit) : null;
        return SimulatorJson.page(data, found.size(), next);
    }

    @GET
    @Operation(hidden = true)
    @Path("/v1/phone-numbers")
    public Response phoneNumbers(@HeaderParam("Authorization") String authorization) {
        Response refused = refuse(authorization);
        return refused != null ? refused : SimulatorJson.data(200, workspace.phoneNumbers());
    }

    @GET
    @Operation(hidden = true)
    @Path("/v1/contacts")
    public Response contacts(@HeaderParam("Authorization") String authorization) {
        Response refused = refuse(authorization);
        return refused != null
                ? refused
                : SimulatorJson.page(workspace.contacts(), workspace.contacts().size(), null);
    }

    /**
     * Not an OpenPhone endpoint: makes a customer text one of our lines, for demos and tests.
     * Body {@code {"from":"+1…customer","to":"+1…our line","text":"…"}}. Not rate-limited.
     */
    @POST
    @Operation(hidden = true)
    @Path("/customer-reply")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response customerReply(String body) {
        requireEnabled();
        JsonNode request;
        try {
            request = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return badRequest(List.of(new FieldProblem("", "Expected a JSON body", null)));
        }
        String from = request.path("from").asText("");
        String to = request.path("to").asText("");
        String text = request.path("text").asText("");
        if (!from.matches("\\+[1-9]\\d{6,14}") || !to.matches("\\+[1-9]\\d{6,14}") || text.isBlank()) {
            return badRequest(
                    List.of(new FieldProblem("", "Expected from and to in E.164 and a non-blank text", null)));
        }
        return SimulatorJson.data(202, SimulatorJson.message(webhooks.customerReply(from, to, text)));
    }

    private void requireEnabled() {
        if (!openPhone.simulator()) {
            throw new NotFoundException();
        }
    }

    /** Null when the request may go on; else OpenPhone's answer: 404 (off), 401, or 429. */
    private Response refuse(String authorization) {
        requireEnabled();
        if (authorization == null || authorization.isBlank()) {
            return SimulatorJson.error(
                    401, "0200401", "Unauthorized", "Missing API key in Authorization header", List.of());
        }
        if (!limiter.tryAcquire()) {
            Response limited = SimulatorJson.error(
                    429,
                    "0200429",
                    "Too Many Requests",
                    "Rate limit exceeded: at most " + SimulatorRateLimiter.REQUESTS_PER_SECOND + " requests per second",
                    List.of());
            return Response.fromResponse(limited).header("Retry-After", "1").build();
        }
        return null;
    }

    private static Response badRequest(List<FieldProblem> problems) {
        return SimulatorJson.error(400, "0100400", "Bad Request", "Invalid request", problems);
    }
}
