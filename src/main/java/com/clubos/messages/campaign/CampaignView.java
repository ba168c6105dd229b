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
     * cap, or in their quiet hours right now; the text's SMS segments and what the whole send costs;
     * the placeholders some of them have no value for, and how many get no text because of that.
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
            List<String> problems,
            List<EmptyPlaceholder> emptyPlaceholders,
            long skippedForEmptyPlaceholders) {}

    /**
     * A placeholder some recipients not yet released have no value for.
     *
     * @param placeholder as written in the text, e.g. {@code {first_name}} or {@code {first_name|there}}
     * @param recipients  how many recipients have no value for it
     * @param examples    the first few of them, by number
     * @param fallback    what they get instead; null when they get no text (skipped)
     */
    @RegisterForReflection
    public record EmptyPlaceholder(String placeholder, long recipients, List<String> examples, String fallback) {}
}
