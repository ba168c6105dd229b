package com.clubos.messages.campaign;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A campaign as the API, the page and the WebSocket show it. */
@RegisterForReflection(registerFullHierarchy = true)
public record CampaignView(
        long id,
        String name,
        String text,
        String line,
        String lineName,
        String kind,
        CampaignState state,
        Instant sendAt,
        String createdBy,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Counts counts,
        Preview preview) {

    /**
     * Where the recipients are: {@code queued} released and waiting for OpenPhone; {@code skipped}
     * by reason; {@code waitingForQuietHours} pending recipients held until their window opens.
     */
    @RegisterForReflection
    public record Counts(
            long total,
            long pending,
            long queued,
            long sent,
            long delivered,
            long failed,
            long skipped,
            long cancelled,
            Map<String, Long> skippedByReason,
            long waitingForQuietHours,
            long done) {

        static Counts of(CampaignRecipient.Counts counts) {
            Map<String, Long> s = counts.byStatus();
            return new Counts(
                    counts.total(),
                    s.get("pending"),
                    s.get("queued"),
                    s.get("sent"),
                    s.get("delivered"),
                    s.get("failed"),
                    s.get("skipped"),
                    s.get("cancelled"),
                    counts.skipped(),
                    counts.waitingForQuietHours(),
                    counts.done());
        }
    }

    /**
     * What creating or uploading found: valid distinct numbers (the first of them listed), refused
     * inputs, and of the recipients not yet released how many are opted out, over the frequency
     * cap, or in their quiet hours right now; the text's SMS segments and what the whole send costs.
     */
    @RegisterForReflection
    public record Preview(
            long recipients,
            List<String> sample,
            int invalid,
            int duplicates,
            long optedOut,
            long overFrequencyCap,
            long inQuietHoursNow,
            int segments,
            long totalSegments,
            List<String> problems) {}
}
