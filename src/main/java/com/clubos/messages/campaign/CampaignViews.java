package com.clubos.messages.campaign;

import com.clubos.messages.line.LineDirectory;
import com.clubos.messages.template.TemplatesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds what the API and the WebSocket show of a campaign: counts always, the preview on request. */
@ApplicationScoped
public class CampaignViews {

    private static final int SAMPLE = 50;

    private final LineDirectory lines;
    private final QuietHoursPolicy quietHours;
    private final CampaignConfig config;
    private final CampaignClock clock;
    private final TemplatesConfig templates;
    private final EntityManager entityManager;

    public CampaignViews(
            LineDirectory lines,
            QuietHoursPolicy quietHours,
            CampaignConfig config,
            CampaignClock clock,
            TemplatesConfig templates,
            EntityManager entityManager) {
        this.templates = templates;
        this.lines = lines;
        this.quietHours = quietHours;
        this.config = config;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /** The campaign with its counts, for the change feed (in the caller's transaction). */
    public Optional<CampaignView> render(Long campaignId) {
        if (campaignId == null) {
            return Optional.empty();
        }
        return Campaign.<Campaign>findByIdOptional(campaignId).map(c -> of(c, false));
    }

    CampaignView of(Campaign c, boolean withPreview) {
        Instant now = clock.now();
        CampaignRecipient.Counts counts = CampaignRecipient.counts(c.id, now);
        return new CampaignView(
                c.id,
                c.name,
                c.body,
                c.lineNumber,
                lines.nameOf(c.lineNumber),
                c.kind,
                c.state(),
                c.sendAt,
                c.createdBy,
                c.createdAt,
                c.startedAt,
                c.finishedAt,
                CampaignView.Counts.of(counts),
                withPreview ? preview(c, counts, now) : null);
    }

    private CampaignView.Preview preview(Campaign c, CampaignRecipient.Counts counts, Instant now) {
        List<EmptyPlaceholders.Pending> recipients = pending(c.id);
        List<String> pending =
                recipients.stream().map(EmptyPlaceholders.Pending::number).toList();
        EmptyPlaceholders.Report empty = EmptyPlaceholders.of(c.body, recipients, templates.clubName());
        int segments = SmsSegments.of(c.body);
        return new CampaignView.Preview(
                counts.total(),
                pending.subList(0, Math.min(SAMPLE, pending.size())),
                c.invalidCount,
                c.duplicateCount,
                optedOut(c),
                c.marketing() ? overFrequencyCap(c, now) : 0,
                c.marketing() ? inQuietHours(c, pending, now) : 0,
                segments,
                (long) segments * counts.total(),
                c.problems,
                empty.byPlaceholder(),
                empty.skipped());
    }

    @SuppressWarnings("unchecked")
    private List<EmptyPlaceholders.Pending> pending(long campaignId) {
        List<Object[]> rows = entityManager
                .createNativeQuery("""
                        SELECT phone_number, first_name, last_name FROM campaign_recipients
                        WHERE campaign_id = :campaign AND status = 'pending' ORDER BY id""")
                .setParameter("campaign", campaignId)
                .getResultList();
        return rows.stream()
                .map(r -> new EmptyPlaceholders.Pending((String) r[0], (String) r[1], (String) r[2]))
                .toList();
    }

    private long optedOut(Campaign c) {
        return count("""
                SELECT count(*) FROM campaign_recipients r
                JOIN openphone_conversations c ON c.line_number = :line AND c.phone_number = r.phone_number
                WHERE r.campaign_id = :campaign AND r.status = 'pending' AND c.opted_out""", Map.of("campaign", c.id, "line", c.lineNumber));
    }

    private long overFrequencyCap(Campaign c, Instant now) {
        if (config.frequencyCap() <= 0) {
            return 0;
        }
        return count(
                """
                SELECT count(*) FROM campaign_recipients r
                WHERE r.campaign_id = :campaign AND r.status = 'pending'
                  AND (SELECT count(*) FROM messages m JOIN campaigns k ON k.id = m.campaign_id
                       WHERE m.to_number = r.phone_number AND m.campaign_id IS NOT NULL AND k.kind = 'marketing'
                         AND m.created_at > :since AND m.status <> 'failed') >= :cap""",
                Map.of("campaign", c.id, "since", now.minus(config.frequencyWindow()), "cap", config.frequencyCap()));
    }

    private long count(String sql, Map<String, Object> parameters) {
        var query = entityManager.createNativeQuery(sql);
        parameters.forEach(query::setParameter);
        return ((Number) query.getSingleResult()).longValue();
    }

    private long inQuietHours(Campaign c, List<String> numbers, Instant now) {
        long closed = 0;
        for (String number : numbers) {
            if (!quietHours.allowsNow(number, c.lineNumber, now)) {
                closed++;
            }
        }
        return closed;
    }
}
