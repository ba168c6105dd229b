package com.clubos.messages.campaign;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.message.Message;
import com.clubos.messages.message.MessageChanged;
import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageOrigin;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.message.MessageStatusChange;
import com.clubos.messages.message.OutboxConfig;
import com.clubos.messages.template.TemplatesConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Releases a running campaign's due recipients into the outbox, a few at a time. In one transaction
 * per campaign: the campaign row and its recipients are claimed FOR UPDATE SKIP LOCKED, and each
 * recipient is either skipped (opted out now, over the frequency cap, a placeholder without a
 * value), deferred to the end of its quiet hours, or given its message (queued, origin campaign)
 * and marked released. So a recipient gets one text across replicas and crashes, and a pause or
 * cancel stops every recipient not released yet.
 */
@ApplicationScoped
public class CampaignRelease {

    /** A marketing text is released only if its window stays open this long (it may wait in the outbox). */
    static final Duration WINDOW_MARGIN = Duration.ofMinutes(1);

    private static final int CAMPAIGNS_PER_PASS = 10;

    private final CampaignConfig config;
    private final QuietHoursPolicy quietHours;
    private final OutboxConfig outbox;
    private final TemplatesConfig templates;
    private final Event<MessageChanged> changes;
    private final CampaignClock clock;
    private final EntityManager entityManager;

    public CampaignRelease(
            CampaignConfig config,
            QuietHoursPolicy quietHours,
            OutboxConfig outbox,
            TemplatesConfig templates,
            Event<MessageChanged> changes,
            CampaignClock clock,
            EntityManager entityManager) {
        this.config = config;
        this.quietHours = quietHours;
        this.outbox = outbox;
        this.templates = templates;
        this.changes = changes;
        this.clock = clock;
        this.entityManager = entityManager;
    }

    /** One pass over the running campaigns this replica can lock; returns how many texts it released. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int releaseDue() {
        Instant now = clock.now();
        int released = 0;
        for (Campaign campaign : Campaign.lockDue(now, CAMPAIGNS_PER_PASS)) {
            released += release(campaign, now);
        }
        return released;
    }

    private int release(Campaign campaign, Instant now) {
        long room = config.releaseAhead() - CampaignRecipient.inFlight(campaign.id);
        int released = 0;
        if (room > 0) {
            for (CampaignRecipient recipient : CampaignRecipient.claimDue(campaign.id, now, (int) room)) {
                if (releaseOne(campaign, recipient, now)) {
                    released++;
                }
            }
        }
        if (CampaignRecipient.pending(campaign.id) == 0) {
            Campaign.transition(campaign.id, java.util.Set.of(CampaignState.RUNNING), CampaignState.COMPLETED);
        }
        return released;
    }

    private boolean releaseOne(Campaign campaign, CampaignRecipient recipient, Instant now) {
        Optional<Conversation> conversation =
                Conversation.findByLineAndCustomer(campaign.lineNumber, recipient.phoneNumber);
        if (conversation.isPresent() && Conversation.isOptedOut(conversation.get().id)) {
            CampaignRecipient.skipped(recipient.id, SkipReason.OPTED_OUT, "Texted STOP");
            return false;
        }
        CampaignText.Filled text = CampaignText.fill(campaign.body, recipient, templates.clubName());
        if (text.text() == null) {
            CampaignRecipient.skipped(
                    recipient.id, SkipReason.MISSING_PLACEHOLDER, "No value for " + String.join(", ", text.missing()));
            return false;
        }
        if (campaign.marketing()) {
            if (overFrequencyCap(recipient.phoneNumber, now)) {
                CampaignRecipient.skipped(
                        recipient.id,
                        SkipReason.FREQUENCY_CAP,
                        config.frequencyCap() + " marketing texts within " + config.frequencyWindow());
                return false;
            }
            Instant until = quietHours.nextOpenFor(recipient.phoneNumber, campaign.lineNumber, now, WINDOW_MARGIN);
            if (until.isAfter(now)) {
                CampaignRecipient.deferred(recipient.id, until, "Quiet hours until " + until);
                return false;
            }
        }
        Message message = queue(campaign, recipient, text.text(), now);
        CampaignRecipient.released(recipient.id, message.id);
        return true;
    }

    boolean overFrequencyCap(String number, Instant now) {
        if (config.frequencyCap() <= 0) {
            return false;
        }
        return marketingTextsSince(number, now.minus(config.frequencyWindow())) >= config.frequencyCap();
    }

    long marketingTextsSince(String number, Instant since) {
        Number count = (Number) entityManager
                .createNativeQuery("""
                        SELECT count(*) FROM messages m JOIN campaigns c ON c.id = m.campaign_id
                        WHERE m.to_number = :number AND m.campaign_id IS NOT NULL AND c.kind = 'marketing'
                          AND m.created_at > :since AND m.status <> 'failed'""")
                .setParameter("number", number)
                .setParameter("since", since)
                .getSingleResult();
        return count.longValue();
    }

    private Message queue(Campaign campaign, CampaignRecipient recipient, String text, Instant now) {
        String name = String.join(" ", List.of(nz(recipient.firstName), nz(recipient.lastName)))
                .strip();
        Message message = new Message();
        message.conversationId = Conversation.upsert(campaign.lineNumber, recipient.phoneNumber, name);
        message.clientRef = "campaign-" + campaign.id + "-" + recipient.id;
        message.direction = MessageDirection.OUTBOUND;
        message.fromNumber = campaign.lineNumber;
        message.toNumber = recipient.phoneNumber;
        message.body = text;
        message.status = MessageStatus.QUEUED;
        message.sentBy = campaign.createdBy;
        message.origin = MessageOrigin.CAMPAIGN;
        message.campaignId = campaign.id;
        message.campaignName = campaign.name;
        message.giveUpAt = now.plus(outbox.retryDeadline());
        if (!message.insertIfAbsent()) {
            // Released before by a transaction that then marked nothing: impossible under the row
            // lock, but the client reference keeps it to one text whatever happens.
            return Message.findByClientRef(message.clientRef).orElseThrow();
        }
        MessageStatusChange.record(message.id, MessageStatus.QUEUED, null);
        Conversation.countMessage(message, false);
        changes.fire(new MessageChanged(MessageChanged.Kind.CREATED, message.id, message.conversationId));
        return message;
    }

    private static String nz(String value) {
        return value == null ? "" : value.strip();
    }
}
