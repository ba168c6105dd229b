package com.clubos.messages.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** BUSINESS_HOURS as people write it, and open time counted in real seconds across DST and midnight. */
class BusinessHoursTest {

    static final ZoneId HALIFAX = ZoneId.of("America/Halifax");

    private static double open(BusinessHours.Schedule schedule, String from, String to) {
        BusinessCalendar.Openings openings =
                BusinessCalendar.openings(schedule, LocalDate.parse("2025-03-01"), LocalDate.parse("2025-03-20"));
        return openings.openBefore(Instant.parse(to)) - openings.openBefore(Instant.parse(from));
    }

    @Test
    void aNightOpeningAcrossTheStartOfDstLastsWhatTheClockSays() {
        BusinessHours hours = BusinessHours.parse("Sat 20:00-04:00", HALIFAX);
        BusinessHours.Schedule schedule =
                hours.forLine("+1", entry -> Optional.empty()).orElseThrow();
        // Saturday 8 March 20:00 AST (-04:00) to Sunday 04:00 ADT (-03:00): 7 real hours, not 8.
        assertEquals(7 * 3600.0, open(schedule, "2025-03-08T23:00:00Z", "2025-03-09T08:00:00Z"));
        // Nothing is open on Sunday morning after 04:00.
        assertEquals(0.0, open(schedule, "2025-03-09T08:00:00Z", "2025-03-09T20:00:00Z"));
    }

    @Test
    void eachLocationHasItsOwnEntryAndZoneAndTheRestTheDefault() {
        BusinessHours hours = BusinessHours.parse(
                "Mon-Fri 09:00-17:00 | Dartmouth = Daily 10:00-12:00,13:00-24:00; America/St_Johns", ZoneId.of("UTC"));
        BusinessHours.Schedule dartmouth = hours.forLine(
                        "+19025550199", entry -> Optional.of(entry.equals("Dartmouth") ? "+19025550199" : "?"))
                .orElseThrow();
        assertEquals(ZoneId.of("America/St_Johns"), dartmouth.zone());
        assertEquals(2, dartmouth.week().get(java.time.DayOfWeek.SUNDAY).size());
        BusinessHours.Schedule other =
                hours.forLine("+19025550100", entry -> Optional.empty()).orElseThrow();
        assertEquals(ZoneId.of("UTC"), other.zone());
        assertTrue(other.week().get(java.time.DayOfWeek.SATURDAY) == null);
        assertTrue(BusinessHours.parse("", HALIFAX)
                .forLine("+1", e -> Optional.empty())
                .isEmpty());
    }

    @Test
    void mistakesNameThePartThatIsWrong() {
        assertEquals(
                "BUSINESS_HOURS: 'Mon-Fri 9-22': '9' is not a time like 09:00",
                assertThrows(IllegalStateException.class, () -> BusinessHours.parse("Mon-Fri 9-22", HALIFAX))
                        .getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> BusinessHours.parse("Funday 09:00-10:00", HALIFAX))
                .getMessage()
                .contains("'Funday' is not a day"));
        assertTrue(assertThrows(
                        IllegalStateException.class, () -> BusinessHours.parse("Mon 09:00-10:00; Mars/Base", HALIFAX))
                .getMessage()
                .contains("not a time zone"));
        assertTrue(assertThrows(
                        IllegalStateException.class,
                        () -> BusinessHours.parse("Mon 01:00-02:00,03:00-04:00,05:00-06:00,07:00-08:00", HALIFAX))
                .getMessage()
                .contains("at most 3 ranges a day"));
    }
}
