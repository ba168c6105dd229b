package com.clubos.messages.message;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The carrier keywords a customer texts to stop or restart messages from a number. A keyword counts
 * only as the whole text, in any case, spacing or accents ("Stop", " stop. ", "Arrêt").
 */
public final class OptOutKeywords {

    public enum Choice {
        OPT_OUT,
        OPT_IN
    }

    private static final Set<String> OPT_OUT =
            Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "ARRET");
    private static final Set<String> OPT_IN = Set.of("START", "UNSTOP", "YES");

    private OptOutKeywords() {}

    public static Optional<Choice> of(String text) {
        if (text == null || text.length() > 40) {
            return Optional.empty();
        }
        String word = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .replaceAll("[\\s.!]", "")
                .toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(word)) {
            return Optional.of(Choice.OPT_OUT);
        }
        return OPT_IN.contains(word) ? Optional.of(Choice.OPT_IN) : Optional.empty();
    }
}
