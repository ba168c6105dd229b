package com.clubos.messages.campaign;

import java.time.Instant;

/** One recipient's status: pending, queued, sent, delivered, failed, skipped (with the reason) or cancelled. */
public record RecipientView(
        long id,
        String phoneNumber,
        String firstName,
        String lastName,
        String status,
        String skipReason,
        String detail,
        Instant notBefore,
        Long messageId,
        Instant releasedAt) {

    static RecipientView of(CampaignRecipient r) {
        return new RecipientView(
                r.id,
                r.phoneNumber,
                r.firstName,
                r.lastName,
                r.status,
                r.skipReason,
                r.detail,
                r.notBefore,
                r.messageId,
                r.releasedAt);
    }
}
