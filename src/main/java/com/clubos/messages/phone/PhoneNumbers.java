package com.clubos.messages.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Normalises phone numbers in any common formatting to E.164, the only form we store. */
@ApplicationScoped
public class PhoneNumbers {

    private static final int MAX_INPUT_LENGTH = 40;
    /**
     * Parsing and formatting with libphonenumber was a fifth of a conversation list's CPU (every row of
     * every page, every webhook): the answers for recent numbers are kept. Bounded: emptied when full.
     */
    private static final int CACHED_NUMBERS = 20_000;

    private final Map<String, Optional<String>> e164 = new ConcurrentHashMap<>();
    private final Map<String, String> displayed = new ConcurrentHashMap<>();

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    public PhoneNumbers(PhoneConfig config) {
        this.defaultRegion = config.defaultRegion().toUpperCase();
    }

    /** The E.164 form of a valid number ("+19025550100"), or empty when it is not a valid number. */
    public Optional<String> toE164(String input) {
        if (input == null || input.isBlank() || input.length() > MAX_INPUT_LENGTH) {
            return Optional.empty();
        }
        return cached(e164, input, this::parseE164);
    }

    private Optional<String> parseE164(String input) {
        try {
            PhoneNumber number = util.parse(input.strip(), defaultRegion);
            if (!util.isValidNumber(number)) {
                return Optional.empty();
            }
            return Optional.of(util.format(number, PhoneNumberUtil.PhoneNumberFormat.E164));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    /**
     * How people at the club write the number: national format for numbers of the club's own country
     * ({@code (902) 555-0123}), international for others ({@code +44 20 7946 0958}); as stored when
     * it cannot be parsed (short codes).
     */
    public String display(String e164) {
        if (e164 == null || e164.isBlank()) {
            return e164;
        }
        return cached(displayed, e164, this::format);
    }

    private static <V> V cached(Map<String, V> cache, String key, java.util.function.Function<String, V> compute) {
        V known = cache.get(key);
        if (known != null) {
            return known;
        }
        if (cache.size() >= CACHED_NUMBERS) {
            cache.clear();
        }
        V value = compute.apply(key);
        cache.put(key, value);
        return value;
    }

    private String format(String e164) {
        try {
            PhoneNumber number = util.parse(e164, defaultRegion);
            boolean domestic = number.getCountryCode() == util.getCountryCodeForRegion(defaultRegion);
            return util.format(
                    number,
                    domestic
                            ? PhoneNumberUtil.PhoneNumberFormat.NATIONAL
                            : PhoneNumberUtil.PhoneNumberFormat.INTERNATIONAL);
        } catch (NumberParseException e) {
            return e164;
        }
    }

    /** Only the digits of a search term, so "(902) 555" and "902-555" find the same numbers. */
    public static String digitsOf(String input) {
        return input == null ? "" : input.replaceAll("\\D", "");
    }
}
