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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One recipient of a campaign and what became of it. The SQL here is what makes releases exactly
 * once: a pending row is claimed FOR UPDATE SKIP LOCKED and marked in the transaction that creates
 * its message.
 */
@Entity
@Table(name = "campaign_recipients")
public class CampaignRecipient extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "campaign_id", nullable = false)
    public Long campaignId;

    @Column(name = "phone_number", nullable = false)
    public String phoneNumber;

    @Column(name = "first_name")
    public String firstName;

    @Column(name = "last_name")
    public String lastName;

    @Column(nullable = false)
    public String status;

    @Column(name = "skip_reason")
    public String skipReason;

    @Column
    public String detail;

    @Column(name = "not_before")
    public Instant notBefore;

    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A recipient as it came in (CSV row, pasted number, conversation). */
    public record Incoming(String number, String firstName, String lastName) {}

    /** Adds recipients; a number the campaign already has is left as it is. Returns how many were new. */
    static int addAll(long campaignId, List<Incoming> recipients) {
        if (recipients.isEmpty()) {
            return 0;
        }
        return getEntityManager()
                .createNativeQuery("""
                        INSERT INTO campaign_recipients (campaign_id, phone_number, first_name, last_name)
                        SELECT :campaign, r.number, NULLIF(r.first_name, ''), NULLIF(r.last_name, '')
                        FROM unnest(CAST(:numbers AS text[]), CAST(:firsts AS text[]), CAST(:lasts AS text[]))
                             AS r(number, first_name, last_name)
                        ON CONFLICT (campaign_id, phone_number) DO NOTHING""")
                .setParameter("campaign", campaignId)
                .setParameter(
                        "numbers", recipients.stream().map(Incoming::number).toArray(String[]::new))
                .setParameter(
                        "firsts",
                        recipients.stream().map(r -> nz(r.firstName())).toArray(String[]::new))
                .setParameter(
                        "lasts", recipients.stream().map(r -> nz(r.lastName())).toArray(String[]::new))
                .executeUpdate();
    }

    private static String nz(String value) {
        return value == null ? "" : value.strip();
    }

    /** Pending recipients due at {@code now}, locked for this transaction; other replicas skip them. */
    @SuppressWarnings("unchecked")
    static List<CampaignRecipient> claimDue(long campaignId, Instant now, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        SELECT * FROM campaign_recipients
                        WHERE campaign_id = :campaign AND status = 'pending'
                          AND (not_before IS NULL OR not_before <= :now)
                        ORDER BY id LIMIT :limit
                        FOR UPDATE SKIP LOCKED""", CampaignRecipient.class)
                .setParameter("campaign", campaignId)
                .setParameter("now", now)
                .setParameter("limit", limit)
                .getResultList();
    }

    static void released(long id, long messageId) {
        update(
                "status = 'queued', messageId = ?1, releasedAt = ?2, notBefore = null, updatedAt = ?2 where id = ?3",
                messageId,
                Instant.now(),
                id);
    }

    static void skipped(long id, String reason, String detail) {
        update(
                "status = 'skipped', skipReason = ?1, detail = ?2, updatedAt = ?3 where id = ?4",
                reason,
                detail,
                Instant.now(),
                id);
    }

    static void deferred(long id, Instant until, String detail) {
        update("notBefore = ?1, detail = ?2, updatedAt = ?3 where id = ?4", until, detail, Instant.now(), id);
    }

    /** Recipients of a campaign released but not yet taken by OpenPhone. */
    static long inFlight(long campaignId) {
        return count("campaignId = ?1 and status = 'queued'", campaignId);
    }

    static long pending(long campaignId) {
        return count("campaignId = ?1 and status = 'pending'", campaignId);
    }

    /** Everything not yet released is cancelled with the campaign. */
    static int cancelPending(long campaignId) {
        return update(
                "status = 'cancelled', updatedAt = ?1 where campaignId = ?2 and status = 'pending'",
                Instant.now(),
                campaignId);
    }

    /**
     * Brings the recipient of a campaign text in line with its message: queued/sending → queued,
     * then sent, delivered, failed; a text the outbox cancelled because the customer opted out in
     * the meantime counts as skipped (opted_out). Returns the campaign it belongs to, if any.
     */
    @SuppressWarnings("unchecked")
    static List<Number> followMessage(long messageId) {
        return getEntityManager()
                .createNativeQuery("""
                        UPDATE campaign_recipients r SET
                            status = CASE
                                WHEN m.status IN ('queued', 'sending') THEN 'queued'
                                WHEN m.status = 'sent' THEN 'sent'
                                WHEN m.status = 'delivered' THEN 'delivered'
                                WHEN m.status IN ('failed', 'cancelled') AND c.opted_out THEN 'skipped'
                                WHEN m.status = 'cancelled' THEN 'cancelled'
                                ELSE 'failed' END,
                            skip_reason = CASE WHEN m.status IN ('failed', 'cancelled') AND c.opted_out
                                               THEN 'opted_out' END,
                            detail = m.error_message,
                            updated_at = now()
                        FROM messages m JOIN openphone_conversations c ON c.id = m.conversation_id
                        WHERE m.id = :message AND r.message_id = m.id
                        RETURNING r.campaign_id""")
                .setParameter("message", messageId)
                .getResultList();
    }

    /** Counts by status, skipped ones by reason, and pending ones held back by quiet hours. */
    @SuppressWarnings("unchecked")
    static Counts counts(long campaignId, Instant now) {
        List<Object[]> rows = getEntityManager()
                .createNativeQuery("""
                        SELECT status, COALESCE(skip_reason, ''), count(*),
                               count(*) FILTER (WHERE status = 'pending' AND not_before > :now)
                        FROM campaign_recipients WHERE campaign_id = :campaign
                        GROUP BY status, skip_reason""")
                .setParameter("campaign", campaignId)
                .setParameter("now", now)
                .getResultList();
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (String status : List.of("pending", "queued", "sent", "delivered", "failed", "skipped", "cancelled")) {
            byStatus.put(status, 0L);
        }
        Map<String, Long> skipped = new LinkedHashMap<>();
        long waiting = 0;
        long total = 0;
        for (Object[] row : rows) {
            String status = (String) row[0];
            long count = ((Number) row[2]).longValue();
            total += count;
            waiting += ((Number) row[3]).longValue();
            byStatus.merge(status, count, Long::sum);
            if ("skipped".equals(status)) {
                skipped.merge((String) row[1], count, Long::sum);
            }
        }
        return new Counts(total, byStatus, skipped, waiting);
    }

    /** A page of recipients in id order after {@code afterId}, optionally of one status. */
    static List<CampaignRecipient> page(long campaignId, String status, long afterId, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(campaignId, afterId));
        String query = "campaignId = ?1 and id > ?2";
        if (status != null) {
            query += " and status = ?3";
            parameters.add(status);
        }
        return find(query + " order by id", parameters.toArray()).page(0, limit).list();
    }

    /**
     * @param total     every recipient
     * @param byStatus  pending, queued, sent, delivered, failed, skipped, cancelled
     * @param skipped   skipped recipients by reason
     * @param waitingForQuietHours pending recipients held until their quiet hours end
     */
    public record Counts(long total, Map<String, Long> byStatus, Map<String, Long> skipped, long waitingForQuietHours) {

        /** Recipients that will get no further change. */
        public long done() {
            return total - byStatus.get("pending") - byStatus.get("queued");
        }

        String signature() {
            return byStatus.values() + "/" + skipped + "/" + waitingForQuietHours;
        }
    }
}
