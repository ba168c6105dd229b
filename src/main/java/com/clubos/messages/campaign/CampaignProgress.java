package com.clubos.messages.campaign;

import com.clubos.messages.message.MessageChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps recipients in step with their messages (sent, delivered, failed; a text cancelled by a
 * STOP becomes skipped: opted_out) inside the transaction that moved the message, and pushes a
 * campaign's counts to browsers when they changed.
 */
@ApplicationScoped
public class CampaignProgress {

    /** Finished campaigns keep pushing for a while: delivery receipts arrive after the last send. */
    private static final Duration AFTER_FINISH = Duration.ofMinutes(30);

    private final Event<CampaignProgressed> progressed;
    private final CampaignClock clock;

    public CampaignProgress(Event<CampaignProgressed> progressed, CampaignClock clock) {
        this.progressed = progressed;
        this.clock = clock;
    }

    void onMessage(@Observes MessageChanged change) {
        if (change.kind() == MessageChanged.Kind.STATUS) {
            CampaignRecipient.followMessage(change.messageId());
        }
    }

    /** Pushes every active campaign whose counts moved since its last push (once across replicas). */
    public void pushChanged() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (Campaign campaign : Campaign.recentlyActive(Instant.now().minus(AFTER_FINISH))) {
                push(campaign);
            }
        });
    }

    /** Pushes one campaign's counts if they moved (also right after a state change). */
    void push(Campaign campaign) {
        String signature = campaign.state + ":"
                + CampaignRecipient.counts(campaign.id, clock.now()).signature();
        if (Campaign.markPushed(campaign.id, signature)) {
            progressed.fire(new CampaignProgressed(campaign.id));
        }
    }
}
