package com.clubos.messages.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The window arithmetic of quiet hours: midnight, DST both ways, several zones, regions. */
class QuietHoursTest {

    private static final ZoneId HALIFAX = ZoneId.of("America/Halifax");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final QuietHours DAY = QuietHours.parse("08:00-21:00");

    @Test
    void aTextInsideTheWindowLeavesAtOnce() {
        Instant noon = Instant.parse("2026-06-10T15:00:00Z"); // 12:00 in Halifax (ADT, -3)
        assertEquals(noon, DAY.nextAllowed(noon, HALIFAX));
    }

    @Test
    void beforeOpeningItWaitsForOpeningTheSameDayAndAfterClosingForTheNextMorning() {
        assertEquals(
                Instant.parse("2026-06-10T11:00:00Z"), DAY.nextAllowed(Instant.parse("2026-06-10T10:59:00Z"), HALIFAX));
        // 21:00 local is already closed (the end is exclusive); 20:59 is not.
        assertEquals(
                Instant.parse("2026-06-11T11:00:00Z"), DAY.nextAllowed(Instant.parse("2026-06-11T00:00:00Z"), HALIFAX));
        Instant lastMinute = Instant.parse("2026-06-10T23:59:00Z");
        assertEquals(lastMinute, DAY.nextAllowed(lastMinute, HALIFAX));
    }

    @Test
    void acrossMidnightAndTheYearEnd() {
        // 23:30 on 31 December in Halifax (AST, -4) → 08:00 on 1 January.
        assertEquals(
                Instant.parse("2027-01-01T12:00:00Z"), DAY.nextAllowed(Instant.parse("2027-01-01T03:30:00Z"), HALIFAX));
    }

    @Test
    void daylightSavingTimeStartsOvernight() {
        // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT. 22:00 EST the evening before → 08:00 EDT.
        assertEquals(
                Instant.parse("2026-03-08T12:00:00Z"),
                DAY.nextAllowed(Instant.parse("2026-03-08T03:00:00Z"), NEW_YORK));
    }

    @Test
    void daylightSavingTimeEndsOvernight() {
        // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST. 22:00 EDT the evening before → 08:00 EST.
        assertEquals(
                Instant.parse("2026-11-01T13:00:00Z"),
                DAY.nextAllowed(Instant.parse("2026-11-01T02:00:00Z"), NEW_YORK));
    }

    @Test
    void aWindowOpeningInsideTheSpringGapOpensWhenTheClocksJump() {
        QuietHours early = QuietHours.parse("02:30-21:00");
        // 01:00 EST on the day of the jump: 02:30 never happens; 03:00 EDT (07:00Z) is the first allowed minute.
        assertEquals(
                Instant.parse("2026-03-08T07:00:00Z"),
                early.nextAllowed(Instant.parse("2026-03-08T06:00:00Z"), NEW_YORK));
    }

    @Test
    void aNumberInTwoZonesWaitsUntilTheWindowIsOpenInBoth() {
        List<ZoneId> idaho = List.of(ZoneId.of("America/Boise"), ZoneId.of("America/Los_Angeles"));
        // 14:30Z = 08:30 in Boise (MDT) but 07:30 in Los Angeles (PDT): wait for 08:00 PDT.
        assertEquals(
                Instant.parse("2026-06-10T15:00:00Z"), DAY.nextAllowed(Instant.parse("2026-06-10T14:30:00Z"), idaho));
        // 03:30Z = 21:30 in Boise, 20:30 in Los Angeles: closed in Boise, so the next morning in LA.
        assertEquals(
                Instant.parse("2026-06-11T15:00:00Z"), DAY.nextAllowed(Instant.parse("2026-06-11T03:30:00Z"), idaho));
    }

    @Test
    void zonesTooFarApartHaveNoCommonWindow() {
        // Six hours in UTC and in Tokyo (+9) never overlap; a 13-hour window always does somewhere.
        QuietHours shortWindow = QuietHours.parse("08:00-14:00");
        List<ZoneId> apart = List.of(ZoneId.of("UTC"), ZoneId.of("Asia/Tokyo"));
        assertThrows(
                IllegalStateException.class,
                () -> shortWindow.nextAllowed(Instant.parse("2026-06-10T12:00:00Z"), apart));
    }

    @Test
    void aWindowPastMidnight() {
        QuietHours night = QuietHours.parse("22:00-06:00");
        assertTrue(night.allows(java.time.LocalTime.of(23, 0)));
        assertTrue(night.allows(java.time.LocalTime.of(5, 59)));
        assertFalse(night.allows(java.time.LocalTime.of(6, 0)));
        ZoneId utc = ZoneId.of("UTC");
        assertEquals(
                Instant.parse("2026-06-10T22:00:00Z"), night.nextAllowed(Instant.parse("2026-06-10T12:00:00Z"), utc));
    }

    @Test
    void parsingAndIntersecting() {
        assertEquals(
                "08:00-20:00", DAY.intersect(QuietHours.parse("7:00-20:00")).toString());
        assertEquals("08:00-24:00", QuietHours.parse("08:00-24:00").toString());
        assertTrue(QuietHours.parse("00:00-24:00").allows(java.time.LocalTime.of(3, 0)));
        assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("8-21"));
        assertThrows(IllegalArgumentException.class, () -> QuietHours.parse("25:00-26:00"));
        assertThrows(IllegalArgumentException.class, () -> DAY.intersect(QuietHours.parse("21:30-23:00")));
    }

    @Test
    void stricterStatesByAreaCodeAndZonesFromTheNumber() {
        QuietHoursPolicy policy = new QuietHoursPolicy(config("08:00-21:00", Optional.empty()));
        assertEquals("08:00-20:00", policy.windowFor("+13055550123").toString()); // Miami, Florida
        assertEquals("08:00-21:00", policy.windowFor("+19025550123").toString()); // Nova Scotia
        assertEquals(List.of(HALIFAX), policy.zonesOf("+19025550123", "+19025550100"));
        // 20:30 in Miami (EDT) is quiet under Florida's rule although 21:00 is the default.
        Instant evening = Instant.parse("2026-06-11T00:30:00Z");
        assertEquals(
                Instant.parse("2026-06-11T12:00:00Z"), policy.nextAllowed("+13055550123", "+19025550100", evening));
        // A number the mapper cannot place is read in the line's zone.
        assertEquals(List.of(HALIFAX), policy.zonesOf("+15555550123", "+19025550100"));
        // A toll-free number spans Guam to Newfoundland: it waits for the half hour open in all of them
        // (22:00Z: 08:00 in Guam and Saipan, 19:00 in Halifax, 11:00 in Pago Pago).
        Instant noonHalifax = Instant.parse("2026-06-10T15:00:00Z");
        assertEquals(
                Instant.parse("2026-06-10T22:00:00Z"), policy.nextAllowed("+18005550199", "+19025550100", noonHalifax));
    }

    @Test
    void everyStateOfTheSharedReferenceIsHeldTo20HoursOverlaysIncludedAndNoOtherState() {
        // shared/reference/sms-compliance.md: Florida, Oklahoma, Maryland, Washington 08:00-20:00.
        QuietHoursPolicy policy = new QuietHoursPolicy(config("08:00-21:00", Optional.empty()));
        for (String number : List.of(
                "+13055550123", // Miami, Florida
                "+16455550123", // Miami overlay, Florida
                "+17285550123", // Palm Beach overlay, Florida
                "+13245550123", // Jacksonville overlay, Florida
                "+19185550123", // Tulsa, Oklahoma
                "+15725550123", // Oklahoma City overlay, Oklahoma
                "+14105550123", // Baltimore, Maryland
                "+12275550123", // Maryland overlay
                "+12065550123", // Seattle, Washington
                "+15645550123")) { // Washington overlay
            assertEquals("08:00-20:00", policy.windowFor(number).toString(), number);
        }
        for (String number : List.of(
                "+12025550123", // Washington, D.C.: not the state
                "+15715550123", // Northern Virginia, next to Maryland
                "+15035550123", // Portland, Oregon, next to Washington
                "+14045550123")) { // Atlanta, Georgia
            assertEquals("08:00-21:00", policy.windowFor(number).toString(), number);
        }
    }

    @Test
    void aWindowAboutToCloseIsNotOpenEnoughForAText() {
        QuietHoursPolicy policy = new QuietHoursPolicy(config("08:00-21:00", Optional.empty()));
        Instant lastMinute = Instant.parse("2026-06-11T23:59:30Z"); // 20:59:30 in Halifax (ADT)
        assertEquals(
                Instant.parse("2026-06-12T11:00:00Z"),
                policy.nextOpenFor("+19025550123", "+19025550100", lastMinute, Duration.ofMinutes(1)));
        Instant afternoon = Instant.parse("2026-06-11T18:00:00Z");
        assertEquals(afternoon, policy.nextOpenFor("+19025550123", "+19025550100", afternoon, Duration.ofMinutes(1)));
    }

    @Test
    void configuredRegionsReplaceTheBuiltInOnesAndNeverLoosenTheDefault() {
        QuietHoursPolicy policy = new QuietHoursPolicy(
                config("08:00-21:00", Optional.of(List.of("+1902=09:00-22:00", "+1305 +1786=10:00-18:00"))));
        assertEquals("09:00-21:00", policy.windowFor("+19025550123").toString());
        assertEquals("10:00-18:00", policy.windowFor("+17865550123").toString());
        assertEquals("08:00-21:00", policy.windowFor("+14055550123").toString()); // Oklahoma's built-in rule replaced
        assertThrows(
                IllegalArgumentException.class,
                () -> new QuietHoursPolicy(config("08:00-21:00", Optional.of(List.of("Florida=08:00-20:00")))));
    }

    static CampaignConfig config(String window, Optional<List<String>> regions) {
        return new CampaignConfig() {
            @Override
            public String quietHours() {
                return window;
            }

            @Override
            public Optional<List<String>> quietHoursRegions() {
                return regions;
            }

            @Override
            public int frequencyCap() {
                return 3;
            }

            @Override
            public Duration frequencyWindow() {
                return Duration.ofHours(24);
            }

            @Override
            public String dispatchEvery() {
                return "1s";
            }

            @Override
            public int releaseAhead() {
                return 25;
            }

            @Override
            public int maxRecipients() {
                return 10000;
            }

            @Override
            public int csvMaxBytes() {
                return 1 << 20;
            }
        };
    }
}
