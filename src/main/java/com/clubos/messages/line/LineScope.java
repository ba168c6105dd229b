package com.clubos.messages.line;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The lines (club locations) someone may see and use. Every line, or exactly these: a conversation
 * on another line does not exist for them (404, never 403, so nothing leaks).
 */
public record LineScope(Optional<Set<String>> only) {

    public static final LineScope EVERY_LINE = new LineScope(Optional.empty());

    public static LineScope of(Collection<String> lines) {
        return new LineScope(Optional.of(Set.copyOf(lines)));
    }

    public boolean everyLine() {
        return only.isEmpty();
    }

    public boolean sees(String line) {
        return only.map(lines -> lines.contains(line)).orElse(true);
    }

    /** For SQL: the lines to keep, or null for every line. */
    public String[] linesOrNull() {
        return only.map(lines -> lines.toArray(String[]::new)).orElse(null);
    }
}
