package com.clubos.messages.message;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The keywords a customer texts to stop or restart messages from a number, or to ask for help. A
 * keyword counts only as the whole text, in any case, spacing, punctuation or accents ("Stop.",
 * "opt-out", " UNSUBSCRIBE!!", "Arrêt"). The opt-out words are the FCC's revocation words of 2025
 * (STOP, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE) plus the carriers' STOPALL and French ARRET.
 */
public final class OptOutKeywords {

    public enum Choice {
        OPT_OUT,
        OPT_IN,
        HELP
    }

    private static final Set<String> OPT_OUT =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "ARRET");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");
    private static final Set<String> HELP = Set.of("HELP", "INFO");

    private OptOutKeywords() {}

    public static Optional<Choice> of(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        // Letters and digits only: "stop 2" stays two words' worth, "Stop!!" and "opt-out" are keywords.
        String word = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[^\\p{L}\\p{N}]", "")
                .toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Optional.of(Choice.OPT_OUT);
        }
        if (OPT_IN.contains(word)) {
            return Optional.of(Choice.OPT_IN);
        }
        return HELP.contains(word) ? Optional.of(Choice.HELP) : Optional.empty();
    }

    public static boolean isOptOutOrIn(Optional<Choice> choice) {
        return choice.isPresent() && choice.get() != Choice.HELP;
    }
}
