package com.clubos.messages.campaign;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.api.ApiPage;
import com.clubos.messages.api.ApiResponse;
import com.clubos.messages.api.QueryParams;
import com.clubos.messages.auth.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/messages/campaigns")
@Tag(name = "Campaigns", description = "Bulk sends within quiet hours, opt-outs and the frequency cap")
@SecurityRequirement(name = "jwt")
@RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
@Produces(MediaType.APPLICATION_JSON)
public class CampaignResource {

    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;
    private static final Set<String> STATUSES =
            Set.of("pending", "queued", "sent", "delivered", "failed", "skipped", "cancelled");

    private final CampaignService campaigns;
    private final CampaignConfig config;

    public CampaignResource(CampaignService campaigns, CampaignConfig config) {
        this.campaigns = campaigns;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a campaign (a draft) with pasted numbers and/or a filter over conversations",
            description = "{name, text, line, kind: marketing|informational, recipients?: [numbers],"
                    + " filter?: {line, lastActivitySince, inboxStatus, assignee}, sendAt?}. Placeholders"
                    + " {first_name}, {last_name}, {full_name}, {club}. Answers its id and a preview.")
    @APIResponse(
            responseCode = "201",
            description = "The draft with its preview (recipients, invalid, duplicates,"
                    + " optedOut, overFrequencyCap, inQuietHoursNow, segments)")
    @APIResponse(responseCode = "400", description = "Every problem of the request, each naming its field")
    @APIResponse(responseCode = "403", description = "Support staff, or a line the caller may not send from")
    public Response create(CampaignRequest request) {
        return Response.status(Response.Status.CREATED)
                .entity(ApiResponse.ok(campaigns.create(request)))
                .build();
    }

    @POST
    @Path("/{id}/recipients")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    @Operation(
            summary = "Add recipients from a CSV (header number,first_name,last_name) while the campaign is a draft",
            description = "Bad rows are counted and named in the preview's problems; the rest are added.")
    @APIResponse(responseCode = "200", description = "The campaign with its new preview")
    @APIResponse(responseCode = "400", description = "No header with a number column")
    @APIResponse(responseCode = "409", description = "The campaign is no longer a draft")
    @APIResponse(responseCode = "413", description = "Larger than CAMPAIGN_CSV_MAX_BYTES")
    public ApiResponse<CampaignView> upload(@PathParam("id") long id, String csv) {
        if (csv == null || csv.isBlank()) {
            throw ApiException.badRequest(
                    "The CSV is empty: its first line must be the header number,first_name,last_name");
        }
        if (csv.getBytes(StandardCharsets.UTF_8).length > config.csvMaxBytes()) {
            throw new ApiException(
                    Response.Status.REQUEST_ENTITY_TOO_LARGE,
                    "The CSV is larger than " + config.csvMaxBytes() + " bytes (CAMPAIGN_CSV_MAX_BYTES): split it");
        }
        return ApiResponse.ok(campaigns.upload(id, csv));
    }

    @POST
    @Path("/{id}/{action}")
    @Operation(summary = "start, pause, resume or cancel")
    @APIResponse(responseCode = "200", description = "The campaign in its new state")
    @APIResponse(
            responseCode = "404",
            description = "No such campaign (or not on the caller's lines), or no such action")
    @APIResponse(
            responseCode = "409",
            description = "The campaign's state does not allow it (e.g. resume a running one)")
    public ApiResponse<CampaignView> act(
            @PathParam("id") long id,
            @Parameter(description = "start, pause, resume or cancel") @PathParam("action") String action) {
        CampaignState.Action parsed;
        try {
            parsed = CampaignState.Action.valueOf(action.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("Unknown action '" + action + "': use start, pause, resume or cancel");
        }
        return ApiResponse.ok(campaigns.act(id, parsed));
    }

    @GET
    @Operation(summary = "Campaigns on the caller's lines, newest first, with their counts")
    public ApiResponse<List<CampaignView>> list() {
        return ApiResponse.ok(campaigns.list());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One campaign: counts queued, sent, delivered, failed, skipped by reason; its preview")
    @APIResponse(responseCode = "404", description = "No such campaign (or not on the caller's lines)")
    public ApiResponse<CampaignView> get(@PathParam("id") long id) {
        return ApiResponse.ok(campaigns.get(id));
    }

    @GET
    @Path("/{id}/recipients")
    @Operation(summary = "Recipients and their status, in pages (after = the last id of the previous page)")
    @APIResponse(responseCode = "400", description = "Bad status, after or limit")
    public ApiPage<RecipientView> recipients(
            @PathParam("id") long id,
            @Parameter(description = "pending, queued, sent, delivered, failed, skipped or cancelled")
                    @QueryParam("status")
                    String status,
            @Parameter(description = "the last id of the previous page") @QueryParam("after") String after,
            @Parameter(description = "1-500, default 50") @QueryParam("limit") String limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.badRequest(
                    "status: must be one of " + STATUSES.stream().sorted().toList());
        }
        long afterId = QueryParams.offset(after, "after");
        int size = QueryParams.limit(limit, "limit", DEFAULT_LIMIT, MAX_LIMIT);
        List<RecipientView> page = campaigns.recipients(id, status, afterId, size);
        String next =
                page.size() == size ? String.valueOf(page.get(page.size() - 1).id()) : null;
        return ApiPage.of(page, next);
    }
}
