package com.clubos.messages.openphone;

import com.clubos.messages.phone.PhoneNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Our own OpenPhone numbers, normalised to E.164: the lines staff may send from. */
@ApplicationScoped
public class OpenPhoneLines {

    private final Optional<String> defaultLine;
    private final Set<String> lines = new LinkedHashSet<>();

    public OpenPhoneLines(OpenPhoneConfig config, PhoneNumbers phoneNumbers) {
        this.defaultLine = config.defaultNumber().filter(n -> !n.isBlank()).map(n -> normalise(n, phoneNumbers));
        defaultLine.ifPresent(lines::add);
        config.numbers().ifPresent(list -> list.stream()
                .filter(n -> !n.isBlank())
                .map(n -> normalise(n, phoneNumbers))
                .forEach(lines::add));
    }

    private static String normalise(String number, PhoneNumbers phoneNumbers) {
        return phoneNumbers.toE164(number).orElseThrow(
                () -> new IllegalStateException("OpenPhone line '" + number + "' is not a valid phone number"));
    }

    public Optional<String> defaultLine() {
        return defaultLine.or(() -> lines.stream().findFirst());
    }

    public boolean isOurs(String e164) {
        return lines.contains(e164);
    }

    public Set<String> all() {
        return Collections.unmodifiableSet(lines);
    }
}
