package com.clubos.messages.openphone;

import com.clubos.messages.message.OutboxConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Keeps every replica together under OpenPhone's per-key limit by spacing calls evenly through a
 * schedule row in PostgreSQL. Each call, not only sends, takes a slot; {@link CallPriority#BULK}
 * calls give way to {@link CallPriority#INTERACTIVE} ones.
 */
@ApplicationScoped
public class OpenPhoneRateLimiter {

    private static final String KEY = "default";

    /** A caller that keeps waking late still calls after this many slots, rather than never. */
    private static final int MAX_RESERVATIONS = 5;
    /** Bulk callers book at most this many slots ahead: what a staff send may find in front of it. */
    private static final int BULK_SLOTS_AHEAD = 2;
    /** A bulk caller held back asks again after at most this long (a 429 hold may be long). */
    private static final Duration BULK_MAX_POLL = Duration.ofSeconds(1);

    private final Duration spacing;
    private final Duration lateTolerance;
    private final Duration bulkAhead;

    public OpenPhoneRateLimiter(OutboxConfig config) {
        this.spacing = Duration.ofNanos((long) (1_000_000_000L / config.requestsPerSecond()));
        this.lateTolerance = spacing.dividedBy(2);
        this.bulkAhead = spacing.multipliedBy(BULK_SLOTS_AHEAD);
    }

    /** An interactive call's slot (a staff send): see {@link #acquire(CallPriority)}. */
    public void acquire() throws InterruptedException {
        acquire(CallPriority.INTERACTIVE);
    }

    /**
     * Blocks until this caller's slot has come. A caller that wakes well after its slot (a starved CPU,
     * a long GC pause) takes a fresh one rather than fire late into the slots of the callers after it,
     * which would bunch calls above the limit; lateness is measured on this JVM's monotonic clock
     * against the wait the database computed, so clock skew between replicas cannot cause it.
     */
    public void acquire(CallPriority priority) throws InterruptedException {
        for (int reservation = 1; ; reservation++) {
            Duration wait = priority == CallPriority.INTERACTIVE
                    ? QuarkusTransaction.requiringNew().call(() -> RateLimitSlot.reserve(KEY, spacing))
                    : reserveBulk();
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

    /** Waits until a bulk slot can be booked (no staff send ahead, schedule not far ahead) and books it. */
    private Duration reserveBulk() throws InterruptedException {
        while (true) {
            RateLimitSlot.BulkReservation answer =
                    QuarkusTransaction.requiringNew().call(() -> RateLimitSlot.reserveBulk(KEY, spacing, bulkAhead));
            if (answer.reserved()) {
                return answer.delay();
            }
            Duration pause = answer.delay();
            if (pause.compareTo(Duration.ofMillis(5)) < 0) {
                pause = Duration.ofMillis(5);
            } else if (pause.compareTo(BULK_MAX_POLL) > 0) {
                pause = BULK_MAX_POLL;
            }
            Thread.sleep(pause.toMillis(), (int) (pause.toNanos() % 1_000_000));
        }
    }

    /** OpenPhone said 429: hold every replica's calls for a while. */
    public void backOff(Duration pause) {
        QuarkusTransaction.requiringNew()
                .run(() -> RateLimitSlot.holdUntil(KEY, Instant.now().plus(pause)));
    }
}
