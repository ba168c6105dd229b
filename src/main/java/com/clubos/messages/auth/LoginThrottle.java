package com.clubos.messages.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per key (username, client address) in a sliding window; past a limit the
 * key is locked until its oldest failure leaves the window. Held in memory per replica, which is
 * enough to stop password guessing at a useful rate.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int MAX_TRACKED_KEYS = 100_000;

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;

    @Inject
    public LoginThrottle(AuthConfig config) {
        this(config.loginLockout(), Clock.systemUTC());
    }

    LoginThrottle(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    /** How long the key must still wait, if it has {@code maxFailures} failures in the window. */
    public Optional<Duration> lockedFor(String key, int maxFailures) {
        Deque<Instant> times = failures.get(key);
        if (times == null) {
            return Optional.empty();
        }
        synchronized (times) {
            prune(times);
            if (times.size() < maxFailures) {
                return Optional.empty();
            }
            return Optional.of(
                    Duration.between(clock.instant(), times.peekFirst().plus(window)));
        }
    }

    public void recordFailure(String key) {
        if (failures.size() > MAX_TRACKED_KEYS) {
            failures.entrySet().removeIf(entry -> {
                synchronized (entry.getValue()) {
                    prune(entry.getValue());
                    return entry.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
    }

    public void recordSuccess(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> times) {
        Instant cutoff = clock.instant().minus(window);
        while (!times.isEmpty() && !times.peekFirst().isAfter(cutoff)) {
            times.removeFirst();
        }
    }
}
