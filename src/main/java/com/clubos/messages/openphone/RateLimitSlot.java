package com.clubos.messages.openphone;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The shared schedule of OpenPhone API calls: the earliest moment the next call may start. */
@Entity
@Table(name = "openphone_rate_limit")
public class RateLimitSlot extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "next_slot", nullable = false)
    public Instant nextSlot;

    /**
     * Reserves the next free start time for an interactive call, moves the schedule one spacing on, and
     * answers how long the caller must wait for it, measured on the database's clock (so replicas'
     * clocks never matter). The row lock makes replicas take turns; slots are therefore {@code spacing}
     * apart deployment-wide. Until that slot has passed, bulk callers hold back.
     */
    public static Duration reserve(String name, Duration spacing) {
        Number waitSeconds = (Number) getEntityManager()
                .createNativeQuery("""
                        UPDATE openphone_rate_limit
                        SET next_slot = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing),
                            interactive_until = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing)
                        WHERE name = :name
                        RETURNING EXTRACT(EPOCH FROM next_slot - make_interval(secs => :spacing) - clock_timestamp())""")
                .setParameter("spacing", spacing.toNanos() / 1e9)
                .setParameter("name", name)
                .getSingleResult();
        return Duration.ofNanos((long) (waitSeconds.doubleValue() * 1e9));
    }

    /**
     * Reserves a slot for a bulk call, but only while no interactive call's slot is still ahead and the
     * schedule runs at most {@code ahead} into the future; otherwise reserves nothing. Answers the wait
     * for the reserved slot, or empty with how long to wait before asking again.
     */
    public static BulkReservation reserveBulk(String name, Duration spacing, Duration ahead) {
        @SuppressWarnings("unchecked")
        List<Number> reserved = getEntityManager()
                .createNativeQuery("""
                        UPDATE openphone_rate_limit
                        SET next_slot = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing)
                        WHERE name = :name AND interactive_until <= clock_timestamp()
                          AND next_slot <= clock_timestamp() + make_interval(secs => :ahead)
                        RETURNING EXTRACT(EPOCH FROM next_slot - make_interval(secs => :spacing) - clock_timestamp())""")
                .setParameter("spacing", spacing.toNanos() / 1e9)
                .setParameter("ahead", ahead.toNanos() / 1e9)
                .setParameter("name", name)
                .getResultList();
        if (!reserved.isEmpty()) {
            return new BulkReservation(true, seconds(reserved.get(0)));
        }
        Number retryIn = (Number) getEntityManager()
                .createNativeQuery("""
                        SELECT EXTRACT(EPOCH FROM GREATEST(interactive_until, next_slot - make_interval(secs => :ahead),
                            clock_timestamp()) - clock_timestamp())
                        FROM openphone_rate_limit WHERE name = :name""")
                .setParameter("ahead", ahead.toNanos() / 1e9)
                .setParameter("name", name)
                .getSingleResult();
        return new BulkReservation(false, seconds(retryIn));
    }

    /** A bulk caller's answer: a slot ({@code delay} until it), or none yet ({@code delay} before asking again). */
    public record BulkReservation(boolean reserved, Duration delay) {}

    private static Duration seconds(Number seconds) {
        return Duration.ofNanos((long) (seconds.doubleValue() * 1e9));
    }

    /** After a 429, nobody calls again before {@code until}. */
    public static void holdUntil(String name, Instant until) {
        getEntityManager()
                .createNativeQuery(
                        "UPDATE openphone_rate_limit SET next_slot = GREATEST(next_slot, :until) WHERE name = :name")
                .setParameter("until", until)
                .setParameter("name", name)
                .executeUpdate();
    }
}
