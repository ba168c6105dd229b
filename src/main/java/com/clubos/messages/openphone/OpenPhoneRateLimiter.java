package com.clubos.messages.openphone;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps every replica together under OpenPhone's per-key limit by spacing calls evenly through a
 * schedule row in PostgreSQL. Each call, not only sends, takes a slot.
 */
@ApplicationScoped
public class OpenPhoneRateLimiter {

    private static final String KEY = "default";

    /** A caller that keeps waking late still calls after this many slots, rather than never. */
    private static final int MAX_RESERVATIONS = 5;

    private final Duration spacing;
    private final Duration lateTolerance;

    public OpenPhoneRateLimiter(OutboxConfig config) {
        this.spacing = Duration.ofNanos((long) (1_000_000_000L / config.requestsPerSecond()));
        this.lateTolerance = spacing.dividedBy(2);
    }

    /**
     * Blocks until this caller's slot has come. A caller that wakes well after its slot (a starved CPU,
     * a long GC pause) takes a fresh one rather than fire late into the slots of the callers after it,
     * which would bunch calls above the limit; lateness is measured on this JVM's monotonic clock
     * against the wait the database computed, so clock skew between replicas cannot cause it.
     */
    public void acquire() throws InterruptedException {
        for (int reservation = 1; ; reservation++) {
            Duration wait = QuarkusTransaction.requiringNew().call(() -> RateLimitSlot.reserve(KEY, spacing));
            long reservedAt = System.nanoTime();
            if (!wait.isNegative()) {
                Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
            }
            long lateNanos = System.nanoTime() - reservedAt - Math.max(wait.toNanos(), 0);
            if (lateNanos <= lateTolerance.toNanos() || reservation >= MAX_RESERVATIONS) {
                return;
            }
        }
    }

    /** OpenPhone said 429: hold every replica's calls for a while. */
    public void backOff(Duration pause) {
        QuarkusTransaction.requiringNew().run(() -> RateLimitSlot.holdUntil(KEY, Instant.now().plus(pause)));
    }
}
