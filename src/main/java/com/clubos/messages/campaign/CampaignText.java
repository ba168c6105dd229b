package com.clubos.messages.campaign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's text and its placeholders, {@code {first_name}} (or {@code {{first_name}}} as snippets
 * write them). A recipient whose placeholder has no value gets no text: never braces or a blank.
 */
final class CampaignText {

    static final List<String> PLACEHOLDERS = List.of("first_name", "last_name", "full_name", "club");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*}}|\\{\\s*([A-Za-z_]+)\\s*}");

    private CampaignText() {}

    /** The placeholder names the text uses that are not known; empty when all are. */
    static List<String> unknownPlaceholders(String text) {
        LinkedHashSet<String> unknown = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            String name = name(matcher);
            if (!PLACEHOLDERS.contains(name)) {
                unknown.add(matcher.group());
            }
        }
        return new ArrayList<>(unknown);
    }

    /** The filled text, or the placeholders without a value (then nothing is sent). */
    static Filled fill(String text, CampaignRecipient recipient, Optional<String> club) {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put("first_name", present(recipient.firstName));
        values.put("last_name", present(recipient.lastName));
        values.put(
                "full_name",
                present(String.join(" ", nz(recipient.firstName), nz(recipient.lastName))
                        .strip()));
        values.put("club", club.flatMap(CampaignText::present));
        List<String> missing = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value = values.getOrDefault(name(matcher), Optional.empty());
            if (value.isEmpty() && !missing.contains("{" + name(matcher) + "}")) {
                missing.add("{" + name(matcher) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value.orElse("")));
        }
        matcher.appendTail(filled);
        return new Filled(missing.isEmpty() ? filled.toString() : null, missing);
    }

    record Filled(String text, List<String> missing) {}

    private static String name(Matcher matcher) {
        return (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).toLowerCase();
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String nz(String value) {
        return value == null ? "" : value.strip();
    }
}
