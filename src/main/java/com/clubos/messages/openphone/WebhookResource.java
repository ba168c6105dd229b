package com.clubos.messages.openphone;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiResponse;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

/**
 * OpenPhone's webhook endpoint (the plan's path). Authenticated by signature, not by token. A 2xx
 * is only answered after the event is committed, so OpenPhone retries anything we did not keep.
 */
@Path("/api/openphone/webhook")
@Tag(name = "OpenPhone webhooks", description = "Texts and delivery receipts from OpenPhone")
@PermitAll
public class WebhookResource {

    private static final Logger LOG = Logger.getLogger(WebhookResource.class);

    private final WebhookVerifier verifier;
    private final WebhookParser parser;
    private final WebhookService service;
    private final WebhookConfig config;

    public WebhookResource(
            WebhookVerifier verifier, WebhookParser parser, WebhookService service, WebhookConfig config) {
        this.verifier = verifier;
        this.parser = parser;
        this.service = service;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Receive an OpenPhone webhook (signed with openphone-signature or webhook-signature)")
    @APIResponse(responseCode = "200", description = "Stored, already stored, or an event type we ignore")
    @APIResponse(responseCode = "400", description = "Signed, but not a usable event")
    @APIResponse(responseCode = "401", description = "Missing, wrong or stale signature")
    @APIResponse(responseCode = "413", description = "Body over the limit")
    @APIResponse(responseCode = "503", description = "Database unavailable: OpenPhone should retry")
    public ApiResponse<Map<String, String>> receive(
            byte[] body,
            @HeaderParam("openphone-signature") String openPhoneSignature,
            @HeaderParam("webhook-id") String webhookId,
            @HeaderParam("webhook-timestamp") String webhookTimestamp,
            @HeaderParam("webhook-signature") String webhookSignature) {
        if (body.length > config.maxBodyBytes()) {
            throw new ApiException(413, "Webhook body is too large (limit " + config.maxBodyBytes() + " bytes)", null);
        }
        var headers =
                new WebhookVerifier.SignatureHeaders(openPhoneSignature, webhookId, webhookTimestamp, webhookSignature);
        var rejection = verifier.rejection(headers, body);
        if (rejection.isPresent()) {
            LOG.warnf("Refused an OpenPhone webhook: %s", rejection.get());
            throw new ApiException(jakarta.ws.rs.core.Response.Status.UNAUTHORIZED, "Invalid webhook signature");
        }
        WebhookEvent event = parser.parse(body);
        WebhookService.Outcome outcome = service.handle(event);
        return ApiResponse.ok(
                Map.of("event", event.id(), "outcome", outcome.name().toLowerCase()));
    }
}
