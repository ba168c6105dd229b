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

    private final Duration spacing;

    public OpenPhoneRateLimiter(OutboxConfig config) {
        this.spacing = Duration.ofNanos((long) (1_000_000_000L / config.requestsPerSecond()));
    }

    /** Blocks until this caller's slot has come. */
    public void acquire() throws InterruptedException {
        Instant slot = QuarkusTransaction.requiringNew().call(() -> RateLimitSlot.reserve(KEY, spacing));
        long waitMillis = Duration.between(Instant.now(), slot).toMillis();
        if (waitMillis > 0) {
            Thread.sleep(waitMillis);
        }
    }

    /** OpenPhone said 429: hold every replica's calls for a while. */
    public void backOff(Duration pause) {
        QuarkusTransaction.requiringNew().run(() -> RateLimitSlot.holdUntil(KEY, Instant.now().plus(pause)));
    }
}
