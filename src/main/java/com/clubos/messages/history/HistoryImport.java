package com.clubos.messages.history;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One history import job: its state, counters and checkpoint, and which replica runs it under a lease.
 * Counters and checkpoint only change in the transaction that writes the batch they describe.
 */
@Entity
@Table(name = "history_imports")
public class HistoryImport extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public String state;

    public Instant since;

    @Column(name = "started_by", nullable = false)
    public String startedBy;

    @Column(name = "conversations_done", nullable = false)
    public int conversationsDone;

    @Column(name = "conversations_total")
    public Integer conversationsTotal;

    @Column(name = "messages_imported", nullable = false)
    public long messagesImported;

    @Column(name = "messages_duplicates", nullable = false)
    public long messagesDuplicates;

    @Column(name = "messages_skipped", nullable = false)
    public long messagesSkipped;

    @Column(name = "error_count", nullable = false)
    public int errorCount;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Object> checkpoint = new LinkedHashMap<>();

    public String failure;

    public String owner;

    @Column(name = "heartbeat_at")
    public Instant heartbeatAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "finished_at")
    public Instant finishedAt;

    public ImportSource source() {
        return ImportSource.valueOf(source.toUpperCase());
    }

    public ImportState state() {
        return ImportState.of(state);
    }

    /** Creates a running import owned by {@code owner}, unless one of that source is running already. */
    public static Optional<Long> start(ImportSource source, Instant since, String startedBy, String owner) {
        @SuppressWarnings("unchecked")
        List<Number> ids = getEntityManager()
                .createNativeQuery("""
                        INSERT INTO history_imports (source, since, started_by, owner, heartbeat_at)
                        VALUES (:source, :since, :startedBy, :owner, now())
                        ON CONFLICT (source) WHERE state = 'running' DO NOTHING
                        RETURNING id""")
                .setParameter("source", source.wire())
                .setParameter("since", since)
                .setParameter("startedBy", startedBy)
                .setParameter("owner", owner)
                .getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    public static Optional<HistoryImport> runningFor(ImportSource source) {
        return find("source = ?1 and state = 'running'", source.wire()).firstResultOptional();
    }

    public static List<HistoryImport> recent(int limit) {
        return find("order by createdAt desc, id desc").page(0, limit).list();
    }

    /**
     * Takes over running imports nobody looks after: a lease older than {@code lease}, or our own from
     * before a restart of this very replica (same host and port), except those running here now.
     */
    @SuppressWarnings("unchecked")
    public static List<Long> claimOrphans(String owner, Duration lease, Collection<Long> runningHere) {
        List<Number> ids = getEntityManager()
                .createNativeQuery("""
                        UPDATE history_imports SET owner = :owner, heartbeat_at = now(), updated_at = now()
                        WHERE state = 'running'
                          AND (owner IS NULL OR owner = :owner OR heartbeat_at IS NULL
                               OR heartbeat_at < now() - make_interval(secs => :lease))
                          AND NOT (id = ANY (CAST(:here AS bigint[])))
                        RETURNING id""")
                .setParameter("owner", owner)
                .setParameter("lease", lease.toMillis() / 1000.0)
                .setParameter("here", array(runningHere))
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    public static void heartbeat(String owner, Collection<Long> ids) {
        getEntityManager()
                .createNativeQuery("""
                        UPDATE history_imports SET heartbeat_at = now()
                        WHERE owner = :owner AND state = 'running' AND id = ANY (CAST(:ids AS bigint[]))""")
                .setParameter("owner", owner)
                .setParameter("ids", array(ids))
                .executeUpdate();
    }

    /** On a clean shutdown: let another replica take these over at once. */
    public static void release(String owner, Collection<Long> ids) {
        getEntityManager()
                .createNativeQuery("""
                        UPDATE history_imports SET owner = NULL, heartbeat_at = NULL
                        WHERE owner = :owner AND state = 'running' AND id = ANY (CAST(:ids AS bigint[]))""")
                .setParameter("owner", owner)
                .setParameter("ids", array(ids))
                .executeUpdate();
    }

    /** Still ours and running? Without a lock: a cheap check between source calls. */
    public static boolean stillOwned(long id, String owner) {
        return count("id = ?1 and owner = ?2 and state = 'running'", id, owner) == 1;
    }

    /** Locks the import for the batch being written; false when it was cancelled or taken over. */
    public static boolean lockIfOwned(long id, String owner) {
        return !getEntityManager()
                .createNativeQuery("""
                        SELECT id FROM history_imports WHERE id = :id AND owner = :owner AND state = 'running'
                        FOR UPDATE""")
                .setParameter("id", id)
                .setParameter("owner", owner)
                .getResultList()
                .isEmpty();
    }

    /** Ends a running import we own as done or failed; false when it was cancelled or taken over. */
    public static boolean finish(long id, String owner, ImportState state, String failure) {
        return update(
                        "state = ?1, failure = ?2, finishedAt = ?3, updatedAt = ?3 where id = ?4 and owner = ?5 "
                                + "and state = 'running'",
                        state.wire(),
                        failure,
                        Instant.now(),
                        id,
                        owner)
                == 1;
    }

    /** Cancels a running import; its replica stops before it writes another batch. */
    public static boolean cancel(long id) {
        return update(
                        "state = 'cancelled', finishedAt = ?1, updatedAt = ?1 where id = ?2 and state = 'running'",
                        Instant.now(),
                        id)
                == 1;
    }

    private static String array(Collection<Long> ids) {
        StringBuilder text = new StringBuilder("{");
        for (Long id : ids) {
            text.append(text.length() > 1 ? "," : "").append(id);
        }
        return text.append('}').toString();
    }
}
