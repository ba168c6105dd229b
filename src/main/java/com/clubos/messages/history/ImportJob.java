package com.clubos.messages.history;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.event.Event;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * One run of an import on this replica, as the importers see it: where it stands (its checkpoint, as
 * committed) and the one way to move it on, {@link #commit}, which writes a batch, the counters and the
 * next checkpoint in one transaction, and only while the import is still running and ours. Safe to
 * share between the threads of one run (the OpenPhone backfill reads several conversations at once).
 */
final class ImportJob {

    private static final Logger LOG = Logger.getLogger(ImportJob.class);
    /** Deadlocks and serialization failures (a concurrent batch or webhook): the batch is simply written again. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40P01", "40001");

    private static final int WRITE_ATTEMPTS = 4;
    private static final Duration OWNERSHIP_CHECK_EVERY = Duration.ofMillis(500);

    final long id;
    final ImportSource source;
    final Instant since;
    final Map<String, Object> checkpoint;
    final boolean counted;
    private final String owner;
    private final HistoryConfig config;
    private final HistoryWriter writer;
    private final Event<ImportProgressed> progress;
    private long lastAnnounced;
    private long lastOwnershipCheck;
    private boolean wroteAny;

    ImportJob(
            HistoryImport row,
            String owner,
            HistoryConfig config,
            HistoryWriter writer,
            Event<ImportProgressed> progress) {
        this.id = row.id;
        this.source = row.source();
        this.since = row.since;
        this.checkpoint = Collections.unmodifiableMap(new HashMap<>(row.checkpoint)); // values may be null
        this.counted = row.conversationsTotal != null;
        this.owner = owner;
        this.config = config;
        this.writer = writer;
        this.progress = progress;
        this.lastAnnounced = System.nanoTime() - config.progressInterval().toNanos();
    }

    HistoryConfig config() {
        return config;
    }

    /** Whether this run has committed anything (so a failure after it is a new failure, not the same one). */
    boolean wroteAny() {
        return wroteAny;
    }

    /**
     * Writes the batch with its checkpoint and counters, then empties it. Throws {@link ImportStopped}
     * (and writes nothing) when the import was cancelled or another replica took it over meanwhile.
     */
    synchronized void commit(HistoryBatch batch) throws InterruptedException {
        if (!batch.hasContent() && batch.checkpoint == null) {
            return;
        }
        boolean announce =
                System.nanoTime() - lastAnnounced >= config.progressInterval().toNanos();
        for (int attempt = 1; ; attempt++) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    lockOrStop();
                    HistoryWriter.Written written = writer.write(id, batch, config.maxErrors());
                    writer.advance(id, batch, written);
                    if (announce) {
                        progress.fire(new ImportProgressed(id));
                    }
                });
                break;
            } catch (RuntimeException e) {
                if (e instanceof ImportStopped || attempt >= WRITE_ATTEMPTS || !isTransient(e)) {
                    throw e;
                }
                LOG.debugf("Import %d: batch hit a deadlock, writing it again", id);
                Thread.sleep(50L * attempt);
            }
        }
        if (announce) {
            lastAnnounced = System.nanoTime();
        }
        wroteAny = true;
        batch.clear();
        if (!config.batchPause().isZero()) {
            Thread.sleep(config.batchPause().toMillis());
        }
    }

    /** Records how many conversations the source holds (ClubOS rows; OpenPhone adds as it lists). */
    void addTotal(int conversations) {
        QuarkusTransaction.requiringNew().run(() -> {
            lockOrStop();
            HistoryImport.update(
                    "conversationsTotal = coalesce(conversationsTotal, 0) + ?1, updatedAt = ?2 where id = ?3",
                    conversations,
                    Instant.now(),
                    id);
            progress.fire(new ImportProgressed(id));
        });
    }

    /** Between source calls: stops the run soon after a cancel, without waiting for the next batch. */
    synchronized void checkStillRunning() {
        long now = System.nanoTime();
        if (now - lastOwnershipCheck < OWNERSHIP_CHECK_EVERY.toNanos()) {
            return;
        }
        lastOwnershipCheck = now;
        if (!QuarkusTransaction.requiringNew().call(() -> HistoryImport.stillOwned(id, owner))) {
            throw new ImportStopped();
        }
    }

    private void lockOrStop() {
        if (!HistoryImport.lockIfOwned(id, owner)) {
            throw new ImportStopped();
        }
    }

    private static boolean isTransient(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && TRANSIENT_STATES.contains(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
