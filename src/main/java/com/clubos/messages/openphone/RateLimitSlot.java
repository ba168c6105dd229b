package com.clubos.messages.openphone;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/** The shared schedule of OpenPhone API calls: the earliest moment the next call may start. */
@Entity
@Table(name = "openphone_rate_limit")
public class RateLimitSlot extends PanacheEntityBase {

    @Id
    public String name;

    @Column(name = "next_slot", nullable = false)
    public Instant nextSlot;

    /**
     * Reserves the next free start time, moves the schedule one spacing on, and answers how long the
     * caller must wait for it, measured on the database's clock (so replicas' clocks never matter).
     * The row lock makes replicas take turns; slots are therefore {@code spacing} apart deployment-wide.
     */
    public static Duration reserve(String name, Duration spacing) {
        Number waitSeconds = (Number) getEntityManager().createNativeQuery("""
                        UPDATE openphone_rate_limit
                        SET next_slot = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing)
                        WHERE name = :name
                        RETURNING EXTRACT(EPOCH FROM next_slot - make_interval(secs => :spacing) - clock_timestamp())""")
                .setParameter("spacing", spacing.toNanos() / 1e9)
                .setParameter("name", name)
                .getSingleResult();
        return Duration.ofNanos((long) (waitSeconds.doubleValue() * 1e9));
    }

    /** After a 429, nobody calls again before {@code until}. */
    public static void holdUntil(String name, Instant until) {
        getEntityManager().createNativeQuery(
                        "UPDATE openphone_rate_limit SET next_slot = GREATEST(next_slot, :until) WHERE name = :name")
                .setParameter("until", until)
                .setParameter("name", name)
                .executeUpdate();
    }
}
