package com.clubos.messages.campaign;

import java.time.Instant;

/** The campaign clock held at a chosen instant (installed with QuarkusMock). */
public class TestClock extends CampaignClock {

    private volatile Instant now;

    public TestClock(Instant now) {
        this.now = now;
    }

    @Override
    public Instant now() {
        return now == null ? Instant.now() : now;
    }

    public void set(Instant at) {
        now = at;
    }

    /** Midday in Halifax today (15:00 or 16:00 UTC): inside every default window of the test numbers. */
    public static Instant middayHalifax() {
        return java.time.LocalDate.now(java.time.ZoneId.of("America/Halifax"))
                .atTime(12, 0)
                .atZone(java.time.ZoneId.of("America/Halifax"))
                .toInstant();
    }
}
