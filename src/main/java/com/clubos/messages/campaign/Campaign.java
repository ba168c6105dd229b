package com.clubos.messages.campaign;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One bulk send: its text, line and kind, its state, and what was refused when its recipients came in. */
@Entity
@Table(name = "campaigns")
public class Campaign extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String body;

    @Column(name = "line_number", nullable = false)
    public String lineNumber;

    /** marketing or informational; only marketing texts keep quiet hours and the frequency cap. */
    @Column(nullable = false)
    public String kind;

    @Column(nullable = false)
    public String state;

    @Column(name = "send_at")
    public Instant sendAt;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> filter;

    @Column(name = "invalid_count", nullable = false)
    public int invalidCount;

    @Column(name = "duplicate_count", nullable = false)
    public int duplicateCount;

    /** The first refused inputs, named ("row 4: not a valid phone number"). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> problems = new ArrayList<>();

    @Column(name = "created_by_id")
    public String createdById;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "progress_pushed")
    public String progressPushed;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "started_at")
    public Instant startedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public CampaignState state() {
        return CampaignState.of(state);
    }

    public boolean marketing() {
        return "marketing".equals(kind);
    }

    /** Moves the campaign from one of {@code from} to {@code to}; false when another request moved it first. */
    static boolean transition(long id, java.util.Set<CampaignState> from, CampaignState to) {
        return getEntityManager()
                        .createNativeQuery("""
                        UPDATE campaigns SET state = :to, updated_at = now(),
                            started_at = CASE WHEN :to = 'running' THEN COALESCE(started_at, now()) ELSE started_at END,
                            finished_at = CASE WHEN :to IN ('cancelled', 'completed') THEN now() ELSE finished_at END
                        WHERE id = :id AND state IN (:from)""")
                        .setParameter("to", to.wire())
                        .setParameter("id", id)
                        .setParameter(
                                "from", from.stream().map(CampaignState::wire).toList())
                        .executeUpdate()
                == 1;
    }

    /** Running campaigns due now, each locked for this replica's release pass (others skip it). */
    @SuppressWarnings("unchecked")
    static List<Campaign> lockDue(Instant now, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        SELECT * FROM campaigns
                        WHERE state = 'running' AND (send_at IS NULL OR send_at <= :now)
                        ORDER BY id LIMIT :limit
                        FOR UPDATE SKIP LOCKED""", Campaign.class)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    /** Campaigns whose progress may have moved: running, paused, or finished lately. */
    static List<Campaign> recentlyActive(Instant since) {
        return list("state in ('running', 'paused') or finishedAt > ?1 or updatedAt > ?1", since);
    }

    /** Records a progress signature; true for the one replica that recorded it first. */
    static boolean markPushed(long id, String signature) {
        return getEntityManager()
                        .createNativeQuery("""
                        UPDATE campaigns SET progress_pushed = :signature
                        WHERE id = :id AND progress_pushed IS DISTINCT FROM :signature""")
                        .setParameter("signature", signature)
                        .setParameter("id", id)
                        .executeUpdate()
                == 1;
    }
}
