package com.clubos.messages.template;

import com.clubos.messages.message.SendValidator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The placeholders a snippet may use, and their filling. A value that is not known for this
 * conversation is a refusal, never an empty string or braces left in a customer's text.
 */
public final class Placeholders {

    /** Each placeholder and why it might be missing, in the order the page lists them. */
    public static final Map<String, String> KNOWN = new LinkedHashMap<>();

    static {
        KNOWN.put("first_name", "the customer's name is unknown");
        KNOWN.put("last_name", "the customer's name has no last name");
        KNOWN.put("full_name", "the customer's name is unknown");
        KNOWN.put("phone", "the conversation has no number");
        KNOWN.put("club", "the club's name is not configured (CLUB_NAME)");
        KNOWN.put("staff_name", "your name is unknown");
    }

    private Placeholders() {}

    /** The distinct placeholder names a text uses, in order of appearance. */
    public static List<String> in(String text) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        Matcher matcher = SendValidator.UNFILLED_PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(nameOf(matcher.group()));
        }
        return new ArrayList<>(names);
    }

    /** The text with every placeholder replaced from {@code values}; names without a value are listed in {@code missing}. */
    public static String fill(String text, Map<String, Optional<String>> values, List<String> missing) {
        Matcher matcher = SendValidator.UNFILLED_PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String name = nameOf(matcher.group());
            Optional<String> value = values.getOrDefault(name, Optional.empty());
            if (value.isEmpty() && !missing.contains(name)) {
                missing.add(name);
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value.orElse("")));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }

    private static String nameOf(String placeholder) {
        return placeholder.substring(2, placeholder.length() - 2).strip().toLowerCase();
    }
}
