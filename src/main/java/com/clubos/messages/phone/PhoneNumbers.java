package com.clubos.messages.phone;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Normalises phone numbers in any common formatting to E.164, the only form we store. */
@ApplicationScoped
public class PhoneNumbers {

    private static final int MAX_INPUT_LENGTH = 40;

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

    /** Only the digits of a search term, so "(902) 555" and "902-555" find the same numbers. */
    public static String digitsOf(String input) {
        return input == null ? "" : input.replaceAll("\\D", "");
    }
}
