package com.clubos.messages.campaign;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the preview tells staff before they start: per placeholder of the text, how many recipients
 * not yet released have no value for it (a few of them by number), and what they will get, the
 * placeholder's fallback or no text at all. Worked out with the release's own filling, so the
 * preview and the sends cannot disagree.
 */
final class EmptyPlaceholders {

    static final int EXAMPLES = 3;

    private EmptyPlaceholders() {}

    /** A recipient not yet released, with the values its placeholders are filled from. */
    record Pending(String number, String firstName, String lastName) {}

    /** The summary: per placeholder, and how many recipients will get no text for want of a value. */
    record Report(List<CampaignView.EmptyPlaceholder> byPlaceholder, long skipped) {}

    static Report of(String text, List<Pending> pending, Optional<String> club) {
        List<CampaignView.EmptyPlaceholder> byPlaceholder = new ArrayList<>();
        for (CampaignText.Used used : CampaignText.used(text)) {
            List<String> numbers = new ArrayList<>();
            long count = 0;
            for (Pending p : pending) {
                Map<String, Optional<String>> values = CampaignText.values(p.firstName(), p.lastName(), club);
                if (values.getOrDefault(used.name(), Optional.empty()).isEmpty()) {
                    count++;
                    if (numbers.size() < EXAMPLES) {
                        numbers.add(p.number());
                    }
                }
            }
            if (count > 0) {
                byPlaceholder.add(new CampaignView.EmptyPlaceholder(
                        used.written(), count, numbers, used.fallback().orElse(null)));
            }
        }
        long skipped = byPlaceholder.stream().allMatch(e -> e.fallback() != null)
                ? 0
                : pending.stream()
                        .filter(p -> CampaignText.fill(text, p.firstName(), p.lastName(), club)
                                        .text()
                                == null)
                        .count();
        return new Report(byPlaceholder, skipped);
    }
}
