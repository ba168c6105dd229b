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
     * Reserves the next free start time and moves the schedule one spacing on. The row lock makes
     * replicas take turns; calls are therefore at least {@code spacing} apart deployment-wide.
     */
    public static Instant reserve(String name, Duration spacing) {
        Object slot = getEntityManager().createNativeQuery("""
                        UPDATE openphone_rate_limit
                        SET next_slot = GREATEST(next_slot, clock_timestamp()) + make_interval(secs => :spacing)
                        WHERE name = :name
                        RETURNING next_slot - make_interval(secs => :spacing)""")
                .setParameter("spacing", spacing.toNanos() / 1e9)
                .setParameter("name", name)
                .getSingleResult();
        return toInstant(slot);
    }

    /** After a 429, nobody calls again before {@code until}. */
    public static void holdUntil(String name, Instant until) {
        getEntityManager().createNativeQuery(
                        "UPDATE openphone_rate_limit SET next_slot = GREATEST(next_slot, :until) WHERE name = :name")
                .setParameter("until", until)
                .setParameter("name", name)
                .executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("Unexpected slot type " + value.getClass());
    }
}
