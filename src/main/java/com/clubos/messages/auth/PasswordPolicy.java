package com.clubos.messages.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a staff password must be: at least {@value #MIN_LENGTH} characters, not the username, and not
 * one of the passwords attackers try first (a shipped list, also with digits or symbols appended:
 * "football2024!").
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int MAX_LENGTH = 200;
    private static final String COMMON_LIST = "/auth/common-passwords.txt";
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {}

    /** Why the password is refused, in words for the person choosing it; empty when it is fine. */
    public static Optional<String> problem(String password, String username) {
        if (password == null || password.isEmpty()) {
            return Optional.of("password is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            return Optional.of("password must be at least " + MIN_LENGTH + " characters long");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("password must be at most " + MAX_LENGTH + " characters long");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && lower.strip().equals(username.strip().toLowerCase(Locale.ROOT))) {
            return Optional.of("password must not be the username");
        }
        if (COMMON.contains(lower) || COMMON.contains(withoutSuffix(lower))) {
            return Optional.of("password is too common (it is on the list of passwords attackers try first)");
        }
        return Optional.empty();
    }

    /** The password with trailing digits and symbols removed: "sunshine1987!" → "sunshine". */
    private static String withoutSuffix(String password) {
        int end = password.length();
        while (end > 0 && !Character.isLetter(password.charAt(end - 1))) {
            end--;
        }
        return end >= 4 ? password.substring(0, end) : password;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON_LIST)) {
            if (in == null) {
                throw new IllegalStateException(COMMON_LIST + " is missing from the build");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    words.add(line.strip());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
