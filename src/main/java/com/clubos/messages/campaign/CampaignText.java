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
 * write them), each with an optional fallback for a recipient without a value:
 * {@code {first_name|there}} sends "Hi there," where the first name is unknown. A placeholder
 * without a value and without a fallback gets that recipient no text: never braces or "Hi ,".
 */
final class CampaignText {

    static final List<String> PLACEHOLDERS = List.of("first_name", "last_name", "full_name", "club");
    private static final Pattern PLACEHOLDER =
            Pattern.compile("\\{\\{\\s*([A-Za-z_]+)\\s*(?:\\|([^{}]*))?}}|\\{\\s*([A-Za-z_]+)\\s*(?:\\|([^{}]*))?}");

    private CampaignText() {}

    /** One placeholder as the text uses it: {@code first_name} and its fallback, if it has one. */
    record Used(String name, Optional<String> fallback) {

        String written() {
            return "{" + name + fallback.map(f -> "|" + f).orElse("") + "}";
        }
    }

    /** What is wrong with the text's placeholders (unknown names, blank fallbacks); empty when nothing. */
    static List<String> problems(String text) {
        LinkedHashSet<String> unknown = new LinkedHashSet<>();
        LinkedHashSet<String> blank = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            if (!PLACEHOLDERS.contains(name(matcher))) {
                unknown.add(matcher.group());
            } else if (rawFallback(matcher) != null && rawFallback(matcher).isBlank()) {
                blank.add(matcher.group());
            }
        }
        List<String> problems = new ArrayList<>();
        if (!unknown.isEmpty()) {
            problems.add("text: unknown placeholder " + String.join(", ", unknown)
                    + " (known: {first_name}, {last_name}, {full_name}, {club})");
        }
        if (!blank.isEmpty()) {
            problems.add("text: " + String.join(", ", blank)
                    + " has an empty fallback; write a word after the bar, e.g. {first_name|there}");
        }
        return problems;
    }

    /** The distinct placeholders the text uses, in order; the first fallback written for a name wins. */
    static List<Used> used(String text) {
        Map<String, Used> byName = new LinkedHashMap<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            byName.putIfAbsent(name(matcher), new Used(name(matcher), fallback(matcher)));
        }
        return new ArrayList<>(byName.values());
    }

    /** The filled text, or the placeholders without a value or fallback (then nothing is sent). */
    static Filled fill(String text, CampaignRecipient recipient, Optional<String> club) {
        return fill(text, recipient.firstName, recipient.lastName, club);
    }

    static Filled fill(String text, String firstName, String lastName, Optional<String> club) {
        Map<String, Optional<String>> values = values(firstName, lastName, club);
        List<String> missing = new ArrayList<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            Optional<String> value =
                    values.getOrDefault(name(matcher), Optional.empty()).or(() -> fallback(matcher));
            if (value.isEmpty() && !missing.contains("{" + name(matcher) + "}")) {
                missing.add("{" + name(matcher) + "}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value.orElse("")));
        }
        matcher.appendTail(filled);
        return new Filled(missing.isEmpty() ? filled.toString() : null, missing);
    }

    record Filled(String text, List<String> missing) {}

    /** Each placeholder's value for a recipient; empty where it has none. */
    static Map<String, Optional<String>> values(String firstName, String lastName, Optional<String> club) {
        Map<String, Optional<String>> values = new LinkedHashMap<>();
        values.put("first_name", present(firstName));
        values.put("last_name", present(lastName));
        values.put(
                "full_name",
                present(String.join(" ", nz(firstName), nz(lastName)).strip()));
        values.put("club", club.flatMap(CampaignText::present));
        return values;
    }

    private static String name(Matcher matcher) {
        return (matcher.group(1) != null ? matcher.group(1) : matcher.group(3)).toLowerCase();
    }

    private static String rawFallback(Matcher matcher) {
        return matcher.group(1) != null ? matcher.group(2) : matcher.group(4);
    }

    private static Optional<String> fallback(Matcher matcher) {
        return present(rawFallback(matcher));
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String nz(String value) {
        return value == null ? "" : value.strip();
    }
}
