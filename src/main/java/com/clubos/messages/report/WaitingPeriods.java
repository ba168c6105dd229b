package com.clubos.messages.report;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps {@code report_periods} (one row per waiting period) and {@code report_conversations} exact.
 * A conversation is recomputed whole, from its texts and its done history, whenever its
 * {@code updated_at} or {@code message_count} differs from what the rollup saw: every new text, done,
 * reopen or retried send changes one of them. Before each report the conversations changed since the
 * last full comparison (by the {@code updated_at} index, with a margin for transactions that commit
 * late) are brought up to date; every REPORTS_REFRESH_EVERY (and at start) all of them are compared.
 * One refresher at a time across replicas (an advisory lock), so recomputations never interleave.
 */
@ApplicationScoped
public class WaitingPeriods {

    private static final Logger LOG = Logger.getLogger(WaitingPeriods.class);
    private static final long LOCK = 18_000_018L;
    private static final int CHUNK = 2_000;

    private static final String CHANGED = """
            SELECT c.id FROM openphone_conversations c
            LEFT JOIN report_conversations r ON r.conversation_id = c.id
            WHERE (r.conversation_id IS NULL OR r.seen_updated_at <> c.updated_at
                   OR r.seen_messages <> c.message_count)""";

    /** A transaction may commit up to this long after it stamped updated_at and still be found. */
    private static final NamedSql CHANGED_SINCE = NamedSql.of(CHANGED + """
             AND c.updated_at >= CAST(:since AS timestamptz) - interval '10 minutes'
            ORDER BY c.id""");

    private static final NamedSql CHECKED = NamedSql.of("""
            UPDATE report_refresh SET full_check_at = :started
            WHERE full_check_at IS NULL OR full_check_at < :started""");

    private static final NamedSql CHANGED_ANY = NamedSql.of(CHANGED + " ORDER BY c.id");

    private static final NamedSql SEEN = NamedSql.of("""
            INSERT INTO report_conversations AS r (conversation_id, line_number, first_message_at,
                seen_updated_at, seen_messages)
            SELECT c.id, c.line_number, (SELECT min(m.created_at) FROM messages m WHERE m.conversation_id = c.id),
                c.updated_at, c.message_count
            FROM openphone_conversations c
            LEFT JOIN report_conversations r0 ON r0.conversation_id = c.id
            WHERE c.id = ANY (:ids)
              AND (r0.conversation_id IS NULL OR r0.seen_updated_at <> c.updated_at
                   OR r0.seen_messages <> c.message_count)
            ON CONFLICT (conversation_id) DO UPDATE SET first_message_at = EXCLUDED.first_message_at,
                seen_updated_at = EXCLUDED.seen_updated_at, seen_messages = EXCLUDED.seen_messages
            RETURNING r.conversation_id""");

    private static final NamedSql FORGET = NamedSql.of("DELETE FROM report_periods WHERE conversation_id = ANY (:ids)");

    /**
     * A waiting period starts at a customer's text (not a STOP/START keyword) that is the conversation's
     * first, or the first since it was marked done; it is answered by the first text a person on staff
     * sent after it (no automatic, scheduled or campaign text; none that failed) and no later than the
     * first done after it.
     */
    private static final NamedSql PERIODS = NamedSql.of("""
            INSERT INTO report_periods (conversation_id, line_number, started_at, closed_at, answer_id, answered_at,
                answered_by_id)
            WITH markers AS (
                SELECT m.conversation_id, m.created_at AS at, m.id, 1 AS text
                FROM messages m
                WHERE m.conversation_id = ANY (:ids) AND m.direction = 'inbound'
                  AND NOT EXISTS (SELECT 1 FROM conversation_events k
                                  WHERE k.message_id = m.id AND k.kind IN ('opt_out', 'opt_in'))
                UNION ALL
                SELECT e.conversation_id, e.at, e.id, 0
                FROM conversation_events e
                WHERE e.conversation_id = ANY (:ids) AND e.kind = 'done'
            ), starts AS (
                SELECT conversation_id, at FROM (
                    SELECT conversation_id, at, text,
                           lag(text) OVER (PARTITION BY conversation_id ORDER BY at, text, id) AS before
                    FROM markers) ordered
                WHERE text = 1 AND (before IS NULL OR before = 0)
            )
            SELECT s.conversation_id, c.line_number, s.at, closed.at, answer.id, answer.created_at, answer.sent_by_id
            FROM starts s
            JOIN openphone_conversations c ON c.id = s.conversation_id
            LEFT JOIN LATERAL (
                SELECT e.at FROM conversation_events e
                WHERE e.conversation_id = s.conversation_id AND e.kind = 'done' AND e.at > s.at
                ORDER BY e.at LIMIT 1) closed ON TRUE
            LEFT JOIN LATERAL (
                SELECT r.id, r.created_at, r.sent_by_id FROM messages r
                WHERE r.conversation_id = s.conversation_id AND r.direction = 'outbound' AND r.origin IS NULL
                  AND r.status NOT IN ('failed', 'undelivered') AND r.created_at > s.at
                  AND (closed.at IS NULL OR r.created_at <= closed.at)
                ORDER BY r.created_at, r.id LIMIT 1) answer ON TRUE""");

    private final ReportDatabase database;

    WaitingPeriods(ReportDatabase database) {
        this.database = database;
    }

    /**
     * Brings the rollup up to date with everything committed so far; called before each report. Every
     * conversation changed before the last check was compared then, so only those stamped since (less the
     * margin) are looked at; afterwards every conversation is known to be compared as of this check's
     * start, the next one's starting point.
     */
    public void refresh() {
        Instant[] lastAndNow = database.write(connection -> {
            try (var statement = connection.prepareStatement("SELECT full_check_at, now() FROM report_refresh");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                OffsetDateTime last = row.getObject(1, OffsetDateTime.class);
                return new Instant[] {
                    last == null ? null : last.toInstant(),
                    row.getObject(2, OffsetDateTime.class).toInstant()
                };
            }
        });
        if (lastAndNow[0] == null) {
            compareAll();
            return;
        }
        recompute(changed(CHANGED_SINCE, Map.of("since", lastAndNow[0])));
        checked(lastAndNow[1]);
    }

    /** Compares every conversation with the rollup: at start, then every REPORTS_REFRESH_EVERY. */
    @Scheduled(
            every = "${clubos.reports.refresh-every:5m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledComparison() {
        try {
            compareAll();
        } catch (RuntimeException e) {
            LOG.warnf("Report rollup: comparison failed, retried next time: %s", e.getMessage());
        }
    }

    /** Recomputes every conversation that differs from the rollup; returns how many were. */
    public int compareAll() {
        Instant started = database.write(connection -> {
            try (var statement = connection.prepareStatement("SELECT now()");
                    ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getObject(1, OffsetDateTime.class).toInstant();
            }
        });
        int recomputed = recompute(changed(CHANGED_ANY, Map.of()));
        checked(started);
        if (recomputed > CHUNK) {
            LOG.infof("Report rollup: %d conversations recomputed", recomputed);
        }
        return recomputed;
    }

    /** Every conversation has been compared with the rollup as of {@code started}. */
    private void checked(Instant started) {
        database.write(connection -> {
            try (PreparedStatement statement = CHECKED.prepare(connection, Map.of("started", started))) {
                return statement.executeUpdate();
            }
        });
    }

    private List<Long> changed(NamedSql query, Map<String, ?> values) {
        return database.write(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement statement = query.prepare(connection, values);
                    ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            return ids;
        });
    }

    private int recompute(List<Long> candidates) {
        int recomputed = 0;
        for (int from = 0; from < candidates.size(); from += CHUNK) {
            Long[] chunk = candidates
                    .subList(from, Math.min(candidates.size(), from + CHUNK))
                    .toArray(Long[]::new);
            recomputed += database.write(connection -> recomputeLocked(connection, chunk));
        }
        return recomputed;
    }

    /**
     * Under the lock: marks as seen the versions of the conversations that still differ, then rebuilds
     * their periods from data at least as new as those versions, so a change committed meanwhile is
     * found next time rather than lost.
     */
    private static int recomputeLocked(Connection connection, Long[] candidates) throws SQLException {
        try (var lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, LOCK);
            lock.execute();
        }
        List<Long> stale = new ArrayList<>();
        try (PreparedStatement statement = SEEN.prepare(connection, Map.of("ids", candidates));
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                stale.add(rows.getLong(1));
            }
        }
        if (stale.isEmpty()) {
            return 0;
        }
        Map<String, Long[]> ids = Map.of("ids", stale.toArray(Long[]::new));
        try (PreparedStatement forget = FORGET.prepare(connection, ids)) {
            forget.executeUpdate();
        }
        try (PreparedStatement periods = PERIODS.prepare(connection, ids)) {
            periods.executeUpdate();
        }
        return stale.size();
    }
}
