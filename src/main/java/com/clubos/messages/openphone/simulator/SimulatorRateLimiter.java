package com.clubos.messages.openphone.simulator;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;

/**
 * OpenPhone's limit of 10 requests per second, as a sliding one-second window over the requests
 * it let through. Refused requests do not count, as a client backing off must get back in.
 */
@ApplicationScoped
public class SimulatorRateLimiter {

    static final int REQUESTS_PER_SECOND = 10;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final ArrayDeque<Long> admitted = new ArrayDeque<>();

    public boolean tryAcquire() {
        return tryAcquire(System.nanoTime());
    }

    synchronized boolean tryAcquire(long nowNanos) {
        while (!admitted.isEmpty() && nowNanos - admitted.peekFirst() >= WINDOW_NANOS) {
            admitted.pollFirst();
        }
        if (admitted.size() >= REQUESTS_PER_SECOND) {
            return false;
        }
        admitted.addLast(nowNanos);
        return true;
    }

    /** Forgets past requests, so that one test's burst does not spill into the next. */
    public synchronized void reset() {
        admitted.clear();
    }
}
