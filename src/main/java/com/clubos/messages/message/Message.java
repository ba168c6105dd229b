package com.clubos.messages.message;

import com.clubos.messages.api.Json;
import com.clubos.messages.tracing.StoredTraceContext;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One SMS/MMS, in or out: one row per message. */
@Entity
@Table(name = "messages")
public class Message extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "conversation_id", nullable = false)
    public Long conversationId;

    @Column(name = "openphone_id")
    public String openphoneId;

    @Column(name = "client_ref")
    public String clientRef;

    @Column(nullable = false)
    public MessageDirection direction;

    @Column(name = "from_number", nullable = false)
    public String fromNumber;

    @Column(name = "to_number", nullable = false)
    public String toNumber;

    @Column(nullable = false)
    public String body;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<Map<String, Object>> media = new ArrayList<>();

    @Column(nullable = false)
    public MessageStatus status;

    @Column(name = "error_message")
    public String errorMessage;

    @Column(name = "sent_by")
    public String sentBy;

    /** The staff user id behind an outbound message (per-user send limits). */
    @Column(name = "sent_by_id")
    public String sentById;

    /** Outbox bookkeeping: tries so far, when the next may start, when to stop retrying. */
    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    @Column(name = "sending_started_at")
    public Instant sendingStartedAt;

    @Column(name = "give_up_at")
    public Instant giveUpAt;

    /** Ask OpenPhone to mark the conversation done when it takes this message (setInboxStatus). */
    @Column(name = "set_inbox_done", nullable = false)
    public boolean setInboxDone;

    /** An earlier attempt may have reached OpenPhone: look it up there before sending again. */
    @Column(nullable = false)
    public boolean reconcile;

    /** The history import that stored it (ClubOS or OpenPhone history): never sent, never retried. */
    @Column(name = "import_id", insertable = false, updatable = false)
    public Long importId;

    /** Why it was written when no person wrote it just then (automatic, scheduled, campaign); else null. */
    @Column(name = "origin")
    public MessageOrigin origin;

    /** The campaign it was sent for (origin campaign), and that campaign's name as the timeline shows it. */
    @Column(name = "campaign_id")
    public Long campaignId;

    @Column(name = "campaign_name")
    public String campaignName;

    /** A scheduled message: when it is due to leave. */
    @Column(name = "send_at")
    public Instant sendAt;

    /** A scheduled message: when staff scheduled it (a customer's text after this cancels it). */
    @Column(name = "scheduled_at")
    public Instant scheduledAt;

    /** A scheduled message that leaves even if the customer texts before its time. */
    @Column(name = "send_even_if_reply", nullable = false)
    public boolean sendEvenIfReply;

    /** The trace of the request that stored it (W3C traceparent): the outbox's send continues it. */
    @Column(name = "trace_parent")
    public String traceParent;

    /** When the message happened at OpenPhone (or was accepted from staff). */
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** PostgreSQL keeps microseconds; truncating here keeps cursors exact. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Inserts this message unless one with the same OpenPhone id or client reference exists, and
     * says whether it did. ON CONFLICT makes duplicates harmless even when they race.
     */
    public boolean insertIfAbsent() {
        if (createdAt == null) {
            createdAt = now();
        }
        updatedAt = now();
        if (traceParent == null) {
            traceParent = StoredTraceContext.current();
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager()
                .createNativeQuery("""
                        INSERT INTO messages (conversation_id, openphone_id, client_ref, direction, from_number,
                            to_number, body, media, status, error_message, sent_by, sent_by_id, give_up_at,
                            set_inbox_done, trace_parent, origin, send_at, scheduled_at, send_even_if_reply,
                            campaign_id, campaign_name, created_at, updated_at)
                        VALUES (:conversation, :openphoneId, :clientRef, :direction, :from, :to, :body,
                            CAST(:media AS jsonb), :status, :error, :sentBy, :sentById, :giveUpAt,
                            :setInboxDone, :traceParent, :origin, :sendAt, :scheduledAt, :sendEvenIfReply,
                            :campaignId, :campaignName, :createdAt, :updatedAt)
                        ON CONFLICT DO NOTHING
                        RETURNING id""")
                .setParameter("conversation", conversationId)
                .setParameter("openphoneId", openphoneId)
                .setParameter("clientRef", clientRef)
                .setParameter("direction", direction.wire())
                .setParameter("from", fromNumber)
                .setParameter("to", toNumber)
                .setParameter("body", body)
                .setParameter("media", Json.write(media == null ? List.of() : media))
                .setParameter("status", status.wire())
                .setParameter("error", errorMessage)
                .setParameter("sentBy", sentBy)
                .setParameter("sentById", sentById)
                .setParameter("giveUpAt", giveUpAt)
                .setParameter("setInboxDone", setInboxDone)
                .setParameter("traceParent", traceParent)
                .setParameter("origin", origin == null ? null : origin.wire())
                .setParameter("sendAt", sendAt)
                .setParameter("scheduledAt", scheduledAt)
                .setParameter("sendEvenIfReply", sendEvenIfReply)
                .setParameter("campaignId", campaignId)
                .setParameter("campaignName", campaignName)
                .setParameter("createdAt", createdAt)
                .setParameter("updatedAt", updatedAt)
                .getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        id = ids.get(0).longValue();
        return true;
    }

    /**
     * Moves a message to {@code status} if that is a step forward (see message_status_rank), and
     * says whether it moved; a late "sent" after "delivered" changes nothing.
     */
    public static boolean advanceStatus(long id, MessageStatus status, String errorMessage) {
        return getEntityManager()
                        .createNativeQuery("""
                        UPDATE messages SET status = :status, error_message = :error, updated_at = now()
                        WHERE id = :id AND message_status_rank(status) < message_status_rank(:status)""")
                        .setParameter("status", status.wire())
                        .setParameter("error", errorMessage)
                        .setParameter("id", id)
                        .executeUpdate()
                == 1;
    }

    public static Optional<Message> findByOpenPhoneId(String openphoneId) {
        return find("openphoneId", openphoneId).firstResultOptional();
    }

    /**
     * Gives our oldest in-flight send of exactly this text to this customer the OpenPhone id, when
     * OpenPhone reports it before our own send recorded that id. Locks the row it claims.
     */
    public static Optional<Message> claimInFlight(long conversationId, String body, String openphoneId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager()
                .createNativeQuery("""
                        UPDATE messages SET openphone_id = :openphoneId, updated_at = now()
                        WHERE id = (SELECT id FROM messages
                                    WHERE conversation_id = :conversation AND direction = 'outbound'
                                      AND openphone_id IS NULL AND status IN ('queued', 'sending')
                                      AND body = :body
                                    ORDER BY created_at, id LIMIT 1
                                    FOR UPDATE SKIP LOCKED)
                        RETURNING id""")
                .setParameter("openphoneId", openphoneId)
                .setParameter("conversation", conversationId)
                .setParameter("body", body)
                .getResultList();
        return ids.isEmpty()
                ? Optional.empty()
                : Optional.of(findById(ids.get(0).longValue()));
    }

    public static Optional<Message> findByClientRef(String clientRef) {
        return find("clientRef", clientRef).firstResultOptional();
    }
}
