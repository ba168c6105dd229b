package com.clubos.messages.campaign;

import com.clubos.messages.api.ApiException;
import com.clubos.messages.audit.AuditEntry;
import com.clubos.messages.auth.CurrentStaff;
import com.clubos.messages.line.CurrentScope;
import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.message.TextGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Creating campaigns, adding recipients, moving them through their states; every step audited. */
@ApplicationScoped
public class CampaignService {

    private final CampaignRequests requests;
    private final RecipientIntake intake;
    private final CampaignViews views;
    private final CampaignProgress progress;
    private final CampaignConfig config;
    private final LineDirectory lines;
    private final CurrentScope scope;
    private final CurrentStaff staff;
    private final TextGateway gateway;

    public CampaignService(
            CampaignRequests requests,
            RecipientIntake intake,
            CampaignViews views,
            CampaignProgress progress,
            CampaignConfig config,
            LineDirectory lines,
            CurrentScope scope,
            CurrentStaff staff,
            TextGateway gateway) {
        this.requests = requests;
        this.intake = intake;
        this.views = views;
        this.progress = progress;
        this.config = config;
        this.lines = lines;
        this.scope = scope;
        this.staff = staff;
        this.gateway = gateway;
    }

    @Transactional
    public CampaignView create(CampaignRequest request) {
        CampaignRequests.Valid valid = requests.validate(request);
        Campaign campaign = new Campaign();
        campaign.name = valid.name();
        campaign.body = valid.text();
        campaign.lineNumber = valid.line();
        campaign.kind = valid.kind();
        campaign.state = CampaignState.DRAFT.wire();
        campaign.sendAt = valid.sendAt();
        campaign.filter = valid.filterJson();
        campaign.createdById = staff.id();
        campaign.createdBy = staff.displayName();
        campaign.createdAt = java.time.Instant.now();
        campaign.updatedAt = campaign.createdAt;
        campaign.persist();

        List<CampaignRecipient.Incoming> recipients = new ArrayList<>();
        RecipientIntake.Intake pasted = intake.numbers(valid.numbers());
        recipients.addAll(requests.withConversationNames(valid.line(), pasted.recipients()));
        recipients.addAll(requests.fromFilter(valid));
        int added = CampaignRecipient.addAll(campaign.id, limited(0, recipients));
        campaign.invalidCount = pasted.invalid();
        campaign.duplicateCount = pasted.duplicates() + (recipients.size() - added);
        campaign.problems = new ArrayList<>(pasted.problems());
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaignId", campaign.id);
        details.put("name", campaign.name);
        details.put("kind", campaign.kind);
        details.put("line", campaign.lineNumber);
        details.put("recipients", added);
        details.put("invalid", pasted.invalid());
        details.put("filter", campaign.filter == null ? "none" : campaign.filter);
        AuditEntry.record(staff.displayName(), "campaign.create", campaign.name, details);
        return views.of(campaign, true);
    }

    /** A CSV of recipients added to a draft; bad rows are counted and named, the rest are added. */
    @Transactional
    public CampaignView upload(long id, String csv) {
        Campaign campaign = lockVisible(id);
        if (campaign.state() != CampaignState.DRAFT) {
            throw new ApiException(
                    Response.Status.CONFLICT,
                    "Recipients can only be added while the campaign is a draft (it is " + campaign.state + ")");
        }
        RecipientIntake.Intake rows = intake.csv(csv);
        long existing = CampaignRecipient.count("campaignId", campaign.id);
        int added = CampaignRecipient.addAll(campaign.id, limited(existing, rows.recipients()));
        campaign.invalidCount += rows.invalid();
        campaign.duplicateCount += rows.duplicates() + (rows.recipients().size() - added);
        List<String> problems = new ArrayList<>(campaign.problems);
        for (String problem : rows.problems()) {
            if (problems.size() < RecipientIntake.MAX_PROBLEMS) {
                problems.add("CSV " + problem);
            }
        }
        campaign.problems = problems;
        campaign.updatedAt = java.time.Instant.now();
        AuditEntry.record(
                staff.displayName(),
                "campaign.upload",
                campaign.name,
                Map.of("campaignId", id, "added", added, "invalid", rows.invalid(), "duplicates", rows.duplicates()));
        return views.of(campaign, true);
    }

    private List<CampaignRecipient.Incoming> limited(long existing, List<CampaignRecipient.Incoming> more) {
        if (existing + more.size() > config.maxRecipients()) {
            throw ApiException.badRequest("A campaign may have at most " + config.maxRecipients()
                    + " recipients (CAMPAIGN_MAX_RECIPIENTS); this would make " + (existing + more.size()));
        }
        return more;
    }

    /** start, pause, resume or cancel; a move the state does not allow is 409. */
    @Transactional
    public CampaignView act(long id, CampaignState.Action action) {
        Campaign campaign = lockVisible(id);
        CampaignState from = campaign.state();
        if (!action.from.contains(from)) {
            throw new ApiException(
                    Response.Status.CONFLICT,
                    "Cannot " + action.wire() + " a campaign that is " + from.wire() + " (allowed from: "
                            + String.join(
                                    ", ",
                                    action.from.stream()
                                            .map(CampaignState::wire)
                                            .sorted()
                                            .toList()) + ")");
        }
        if (action == CampaignState.Action.START) {
            checkStartable(campaign);
        }
        Campaign.transition(id, EnumSet.of(from), action.to);
        int cancelled = action == CampaignState.Action.CANCEL ? CampaignRecipient.cancelPending(id) : 0;
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("campaignId", id);
        details.put("from", from.wire());
        details.put("to", action.to.wire());
        if (action == CampaignState.Action.CANCEL) {
            details.put("cancelledRecipients", cancelled);
        }
        AuditEntry.record(staff.displayName(), "campaign." + action.wire(), campaign.name, details);
        Campaign.getEntityManager().refresh(campaign);
        progress.push(campaign);
        return views.of(campaign, false);
    }

    private void checkStartable(Campaign campaign) {
        if (!gateway.configured()) {
            throw new ApiException(Response.Status.SERVICE_UNAVAILABLE, "OpenPhone is not configured");
        }
        if (CampaignRecipient.count("campaignId", campaign.id) == 0) {
            throw new ApiException(
                    Response.Status.CONFLICT, "The campaign has no recipients: add numbers, a filter or a CSV first");
        }
        if (!lines.isOurs(campaign.lineNumber)) {
            throw new ApiException(
                    Response.Status.CONFLICT, campaign.lineNumber + " is no longer one of our OpenPhone lines");
        }
    }

    @Transactional
    public List<CampaignView> list() {
        return Campaign.<Campaign>list("order by id desc").stream()
                .filter(c -> scope.sees(c.lineNumber))
                .map(c -> views.of(c, false))
                .toList();
    }

    @Transactional
    public CampaignView get(long id) {
        return views.of(visible(id), true);
    }

    @Transactional
    public List<RecipientView> recipients(long id, String status, long after, int limit) {
        visible(id);
        return CampaignRecipient.page(id, status, after, limit).stream()
                .map(RecipientView::of)
                .toList();
    }

    private Campaign visible(long id) {
        return Campaign.<Campaign>findByIdOptional(id)
                .filter(c -> scope.sees(c.lineNumber))
                .orElseThrow(() -> ApiException.notFound("Campaign not found"));
    }

    private Campaign lockVisible(long id) {
        Campaign campaign = visible(id);
        Campaign.getEntityManager().lock(campaign, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        Campaign.getEntityManager().refresh(campaign);
        return campaign;
    }
}
