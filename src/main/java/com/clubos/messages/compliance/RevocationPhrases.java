package com.clubos.messages.compliance;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Short texts that a reasonable person would read as "stop texting me" without the keyword alone
 * ("please stop texting me", "don't text me anymore", "remove me from your list"). They are only
 * flagged for staff: FCC 24-24 counts such wording as revocation, but a guess must not silently end a
 * customer's texts ("stop by at 5?" is not one), so a person confirms it.
 */
public final class RevocationPhrases {

    /** Longer texts are conversations, not revocations; staff read them anyway. */
    static final int MAX_LENGTH = 160;

    private static final String CONTACT = "(text|txt|texting|txting|message|messaging|msg|sms|contact|contacting"
            + "|send(ing)?( me)? (texts?|messages?|msgs?)|bother|bothering|spam|spamming)";
    private static final List<Pattern> PATTERNS = List.of(
            Pattern.compile("\\bstop (all )?" + CONTACT + "\\b"),
            Pattern.compile("\\b(do not|dont|don t|never) " + CONTACT + "\\b"),
            Pattern.compile("\\bno (more )?(texts|messages|msgs|sms|texting)\\b"),
            Pattern.compile("\\b(remove|take|delete) me (from|off)\\b"),
            Pattern.compile("\\b(unsubscribe|opt) me\\b"),
            Pattern.compile("\\bopt (me )?out\\b"),
            Pattern.compile("\\b(leave me alone|lose my number|wrong number)\\b"),
            Pattern.compile("\\b(i want|want|like) to (stop|unsubscribe|opt out)\\b"),
            Pattern.compile("^(please |pls |plz )?(stop|unsubscribe|quit|revoke)( it| now| already)?"
                    + "( please| pls| plz| thanks| thank you)?$"));

    private RevocationPhrases() {}

    public static boolean looksLikeRevocation(String text) {
        if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
            return false;
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replace('’', '\'')
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
        return PATTERNS.stream().anyMatch(p -> p.matcher(plain).find());
    }
}
