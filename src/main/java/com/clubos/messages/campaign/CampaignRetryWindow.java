package com.clubos.messages.campaign;

import com.clubos.messages.message.Message;
import com.clubos.messages.message.RetryWindow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * A marketing campaign's text that OpenPhone refused for now is retried only where its release would
 * have been allowed: inside the recipient's quiet-hours window, with the release's margin, else at
 * the window's next opening. Informational campaigns keep their backoff.
 */
@ApplicationScoped
public class CampaignRetryWindow implements RetryWindow {

    private final QuietHoursPolicy quietHours;

    public CampaignRetryWindow(QuietHoursPolicy quietHours) {
        this.quietHours = quietHours;
    }

    @Override
    public Instant earliestRetry(Message message, Instant due) {
        boolean marketing = message.campaignId != null
                && Campaign.<Campaign>findByIdOptional(message.campaignId)
                        .map(Campaign::marketing)
                        .orElse(false);
        if (!marketing) {
            return due;
        }
        return quietHours.nextOpenFor(message.toNumber, message.fromNumber, due, CampaignRelease.WINDOW_MARGIN);
    }
}
