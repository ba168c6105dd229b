package com.clubos.messages.realtime;

import com.clubos.messages.tracing.StoredTraceContext;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** One row of the change feed: what kind of change, to which conversation and message or note. */
@Entity
@Table(name = "change_events")
public class ChangeEvent extends PanacheEntityBase {

    public static final String CHANNEL = "clubos_changes";

    public static final String MESSAGE_CREATED = "message.created";
    public static final String MESSAGE_STATUS = "message.status";
    /** A scheduled message's text or time edited: the whole message again. */
    public static final String MESSAGE_UPDATED = "message.updated";

    public static final String CONVERSATION_UPDATED = "conversation.updated";
    public static final String CONVERSATION_READ = "conversation.read";
    public static final String NOTE_CREATED = "note.created";
    /** A history import moved on; only admins receive it. */
    public static final String IMPORT_PROGRESS = "import.progress";
    /** A campaign's counts or state moved; admins and operators of its line receive it. */
    public static final String CAMPAIGN_PROGRESS = "campaign.progress";

    @Id
    public Long seq;

    @Column(nullable = false)
    public String type;

    /** Null for events that belong to no conversation (import progress). */
    @Column(name = "conversation_id")
    public Long conversationId;

    @Column(name = "message_id")
    public Long messageId;

    @Column(name = "note_id")
    public Long noteId;

    @Column(name = "import_id")
    public Long importId;

    @Column(name = "campaign_id")
    public Long campaignId;

    @Column(nullable = false)
    public Instant at;

    /** The trace of the request that made the change (W3C traceparent): its push continues it. */
    @Column(name = "trace_parent")
    public String traceParent;

    /** Appends a change in the caller's transaction; it is announced after commit (ChangeNotifier). */
    public static long append(String type, long conversationId, Long messageId, Long noteId) {
        Number seq = (Number) getEntityManager()
                .createNativeQuery("""
                        INSERT INTO change_events (type, conversation_id, message_id, note_id, trace_parent)
                        VALUES (:type, :conversation, :message, :note, :traceParent) RETURNING seq""")
                .setParameter("type", type)
                .setParameter("traceParent", StoredTraceContext.current())
                .setParameter("conversation", conversationId)
                .setParameter("message", messageId)
                .setParameter("note", noteId)
                .getSingleResult();
        return seq.longValue();
    }

    /** Appends an import's progress in the caller's transaction. */
    public static long appendImport(long importId) {
        Number seq = (Number) getEntityManager()
                .createNativeQuery("""
                        INSERT INTO change_events (type, import_id) VALUES (:type, :import) RETURNING seq""")
                .setParameter("type", IMPORT_PROGRESS)
                .setParameter("import", importId)
                .getSingleResult();
        return seq.longValue();
    }

    /** Appends a campaign's progress in the caller's transaction. */
    public static long appendCampaign(long campaignId) {
        Number seq = (Number) getEntityManager()
                .createNativeQuery("""
                        INSERT INTO change_events (type, campaign_id) VALUES (:type, :campaign) RETURNING seq""")
                .setParameter("type", CAMPAIGN_PROGRESS)
                .setParameter("campaign", campaignId)
                .getSingleResult();
        return seq.longValue();
    }

    public static List<ChangeEvent> bySeq(Collection<Long> seqs) {
        return list("seq in ?1 order by seq", seqs);
    }

    /** Changes after {@code seq}, oldest first, at most {@code limit}. */
    public static List<ChangeEvent> after(long seq, int limit) {
        return find("seq > ?1 order by seq", seq).page(0, limit).list();
    }

    /**
     * Changes of the last minute above {@code floor}, oldest first, except the last two seconds (whose
     * NOTIFY, sent in batches after commit, may still be on its way): what a sweep checks was pushed.
     */
    @SuppressWarnings("unchecked")
    public static List<ChangeEvent> unannouncedCandidates(long floor, int limit) {
        return getEntityManager()
                .createNativeQuery("""
                        SELECT * FROM change_events
                        WHERE seq > :floor AND at > now() - interval '60 seconds' AND at < now() - interval '2 seconds'
                        ORDER BY seq LIMIT :limit""", ChangeEvent.class)
                .setParameter("floor", floor)
                .setParameter("limit", limit)
                .getResultList();
    }

    public static long latestSeq() {
        Number max = getEntityManager()
                .createQuery("select coalesce(max(e.seq), 0) from ChangeEvent e", Number.class)
                .getSingleResult();
        return max.longValue();
    }

    public static long deleteBefore(Instant cutoff) {
        return delete("at < ?1", cutoff);
    }
}
