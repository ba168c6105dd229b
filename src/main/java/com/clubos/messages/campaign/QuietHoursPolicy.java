package com.clubos.messages.campaign;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * When a marketing text may reach a number: the window of CAMPAIGN_QUIET_HOURS, made stricter by
 * the number's region (CAMPAIGN_QUIET_HOURS_REGIONS), in every time zone libphonenumber gives for
 * the number. A number the mapper cannot place is read in the zones of the campaign's line.
 */
@ApplicationScoped
public class QuietHoursPolicy {

    /**
     * The stricter US state rules of the shared reference, shared/reference/sms-compliance.md
     * ("Quiet hours"): Florida (FTSA), Oklahoma (OTSA), Maryland and Washington (HB 1497), each
     * 08:00–20:00 against the federal 08:00–21:00 of CAMPAIGN_QUIET_HOURS; no other state or
     * province is listed there. The reference names the states, not their numbers: the area codes
     * are every code NANPA assigns to each state, overlays included (Florida 324, 448, 645, 656,
     * 728; Oklahoma 572; Maryland 227; Washington 564). An area code says where a number was
     * issued, not where its owner lives now: this is the safest reading the number allows.
     */
    static final List<String> BUILT_IN_REGIONS = List.of(
            areaCodes(
                    "08:00-20:00",
                    239,
                    305,
                    321,
                    324,
                    352,
                    386,
                    407,
                    448,
                    561,
                    645,
                    656,
                    689,
                    727,
                    728,
                    754,
                    772,
                    786,
                    813,
                    850,
                    863,
                    904,
                    941,
                    954), // Florida (FTSA)
            areaCodes("08:00-20:00", 405, 539, 572, 580, 918), // Oklahoma (OTSA)
            areaCodes("08:00-20:00", 227, 240, 301, 410, 443, 667), // Maryland
            areaCodes("08:00-20:00", 206, 253, 360, 425, 509, 564)); // Washington

    /** A window that never stays open for the margin gives up after this many openings. */
    private static final int MAX_ROUNDS = 4;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final PhoneNumberToTimeZonesMapper zonesMapper = PhoneNumberToTimeZonesMapper.getInstance();
    private final QuietHours base;
    /** Longest prefix first. */
    private final List<Map.Entry<String, QuietHours>> regions;

    public QuietHoursPolicy(CampaignConfig config) {
        this.base = parse("CAMPAIGN_QUIET_HOURS", config.quietHours());
        this.regions = regions(config.quietHoursRegions().orElse(BUILT_IN_REGIONS), base);
    }

    /** The window that applies to this E.164 number. */
    public QuietHours windowFor(String number) {
        for (Map.Entry<String, QuietHours> region : regions) {
            if (number.startsWith(region.getKey())) {
                return region.getValue();
            }
        }
        return base;
    }

    /** The zones a number may be in; the line's when the number's cannot be told. */
    public List<ZoneId> zonesOf(String number, String line) {
        List<ZoneId> zones = knownZones(number);
        if (zones.isEmpty()) {
            zones = knownZones(line);
        }
        return zones.isEmpty() ? List.of(ZoneId.of("UTC")) : zones;
    }

    /**
     * The first instant at or after {@code now} when a marketing text may reach {@code number}: the
     * window open in every zone of the number. A number whose zones are too far apart for that
     * (a toll-free number spans Guam to Newfoundland) is read in the zones of the line.
     */
    public Instant nextAllowed(String number, String line, Instant now) {
        QuietHours window = windowFor(number);
        try {
            return window.nextAllowed(now, zonesOf(number, line));
        } catch (IllegalStateException e) {
            List<ZoneId> lineZones = knownZones(line);
            return window.nextAllowed(now, lineZones.isEmpty() ? List.of(ZoneId.of("UTC")) : lineZones);
        }
    }

    /**
     * The first instant at or after {@code at} from which a marketing text may reach {@code number}
     * and still may {@code margin} later (it may wait that long in the outbox before it leaves).
     */
    public Instant nextOpenFor(String number, String line, Instant at, Duration margin) {
        Instant candidate = at;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Instant allowed = nextAllowed(number, line, candidate);
            Instant through = nextAllowed(number, line, allowed.plus(margin));
            if (through.equals(allowed.plus(margin))) {
                return allowed;
            }
            candidate = through;
        }
        return candidate;
    }

    /** Whether a marketing text may reach {@code number} at {@code now}. */
    public boolean allowsNow(String number, String line, Instant now) {
        return nextAllowed(number, line, now).equals(now);
    }

    private List<ZoneId> knownZones(String number) {
        Optional<PhoneNumber> parsed = parseNumber(number);
        if (parsed.isEmpty()) {
            return List.of();
        }
        List<ZoneId> zones = new ArrayList<>();
        for (String name : zonesMapper.getTimeZonesForNumber(parsed.get())) {
            if (name.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())) {
                continue;
            }
            try {
                zones.add(ZoneId.of(name));
            } catch (DateTimeException e) {
                // A zone name this JDK does not know: the others still apply.
            }
        }
        return zones;
    }

    private Optional<PhoneNumber> parseNumber(String number) {
        try {
            return number == null ? Optional.empty() : Optional.of(util.parse(number, "US"));
        } catch (NumberParseException e) {
            return Optional.empty();
        }
    }

    private static List<Map.Entry<String, QuietHours>> regions(List<String> entries, QuietHours base) {
        Map<String, QuietHours> byPrefix = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank() || entry.strip().equalsIgnoreCase("none")) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(
                        "CAMPAIGN_QUIET_HOURS_REGIONS: expected prefix=HH:MM-HH:MM, got '" + entry.strip() + "'");
            }
            QuietHours window = parse("CAMPAIGN_QUIET_HOURS_REGIONS", entry.substring(eq + 1));
            for (String prefix : entry.substring(0, eq).trim().split("\\s+")) {
                if (!prefix.matches("\\+\\d{1,6}")) {
                    throw new IllegalArgumentException(
                            "CAMPAIGN_QUIET_HOURS_REGIONS: '" + prefix + "' is not a number prefix like +1305");
                }
                byPrefix.put(prefix, base.intersect(window));
            }
        }
        List<Map.Entry<String, QuietHours>> sorted = new ArrayList<>(byPrefix.entrySet());
        sorted.sort(Comparator.comparingInt(
                        (Map.Entry<String, QuietHours> e) -> e.getKey().length())
                .reversed());
        return sorted;
    }

    private static QuietHours parse(String setting, String value) {
        try {
            return QuietHours.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + ": " + e.getMessage(), e);
        }
    }

    private static String areaCodes(String window, int... codes) {
        StringBuilder prefixes = new StringBuilder();
        for (int code : codes) {
            prefixes.append(prefixes.isEmpty() ? "" : " ").append("+1").append(code);
        }
        return prefixes + "=" + window;
    }
}
