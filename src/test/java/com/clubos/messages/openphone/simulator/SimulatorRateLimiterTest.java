package com.clubos.messages.openphone.simulator;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SimulatorRateLimiterTest {

    private static final long MS = 1_000_000L;

    @Test
    void tenPerSlidingSecondAndRefusalsDoNotCount() {
        SimulatorRateLimiter limiter = new SimulatorRateLimiter();
        for (int i = 0; i < 10; i++) {
            assertTrue(limiter.tryAcquire(i * 10 * MS), "request " + i);
        }
        assertFalse(limiter.tryAcquire(500 * MS));
        assertFalse(limiter.tryAcquire(999 * MS));
        // The first admitted request (t=0) leaves the window at t=1000 ms: one slot, not more.
        assertTrue(limiter.tryAcquire(1000 * MS));
        assertFalse(limiter.tryAcquire(1005 * MS));
        assertTrue(limiter.tryAcquire(1010 * MS));
    }
}
