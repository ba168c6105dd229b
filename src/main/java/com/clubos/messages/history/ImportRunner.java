package com.clubos.messages.history;

import com.clubos.messages.api.ListeningPort;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs imports on this replica. Each running import is owned by one replica ("host:port") under a
 * lease it renews every few seconds; an import whose replica died (kill -9, a lost node) is taken over
 * once its lease expires, and at once by the same replica restarted. A run resumes from the committed
 * checkpoint; a source that is unreachable is retried until {@code HISTORY_RETRY_DEADLINE}.
 */
@ApplicationScoped
public class ImportRunner {

    private static final Logger LOG = Logger.getLogger(ImportRunner.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(2);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);

    private final HistoryConfig config;
    private final ClubosImport clubos;
    private final OpenPhoneBackfill openPhone;
    private final HistoryWriter writer;
    private final Event<ImportProgressed> progress;
    private final String owner;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool;
    private volatile boolean stopping;

    ImportRunner(
            HistoryConfig config,
            ClubosImport clubos,
            OpenPhoneBackfill openPhone,
            HistoryWriter writer,
            Event<ImportProgressed> progress,
            ListeningPort port) {
        this.config = config;
        this.clubos = clubos;
        this.openPhone = openPhone;
        this.writer = writer;
        this.progress = progress;
        this.owner = hostName() + ":" + port.port();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newCachedThreadPool(r -> new Thread(r, "history-import-" + threads.incrementAndGet()));
    }

    /** This replica's name in {@code history_imports.owner}. */
    public String owner() {
        return owner;
    }

    /** Starts running an import this replica owns (just created, or taken over). */
    void launch(long id) {
        if (!stopping && running.add(id)) {
            pool.submit(() -> run(id));
        }
    }

    /** Renews the lease of what runs here and takes over what nobody runs. */
    @Scheduled(
            every = "${clubos.history.heartbeat-every:2s}",
            delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            List<Long> orphans = QuarkusTransaction.requiringNew().call(() -> {
                if (!running.isEmpty()) {
                    HistoryImport.heartbeat(owner, Set.copyOf(running));
                }
                return HistoryImport.claimOrphans(owner, config.lease(), Set.copyOf(running));
            });
            orphans.forEach(id -> {
                LOG.infof("Taking over history import %d", id);
                launch(id);
            });
        } catch (RuntimeException e) {
            LOG.debugf("History import heartbeat failed: %s", e.getMessage());
        }
    }

    private void run(long id) {
        Instant failingSince = null;
        Duration retry = FIRST_RETRY;
        try {
            while (!stopping) {
                ImportJob job = load(id);
                if (job == null) {
                    return; // finished, cancelled or no longer ours
                }
                try {
                    if (job.source == ImportSource.CLUBOS) {
                        clubos.run(job);
                    } else {
                        openPhone.run(job);
                    }
                    end(id, ImportState.DONE, null);
                    LOG.infof("History import %d done", id);
                    return;
                } catch (ImportStopped e) {
                    return;
                } catch (ImportFailed e) {
                    end(id, ImportState.FAILED, e.getMessage());
                    LOG.warnf("History import %d failed: %s", id, e.getMessage());
                    return;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Exception e) {
                    if (stopping) {
                        return;
                    }
                    if (isPermanent(e)) {
                        end(id, ImportState.FAILED, describe(e));
                        LOG.warnf("History import %d failed: %s", id, describe(e));
                        return;
                    }
                    if (failingSince == null || job.wroteAny()) {
                        failingSince = Instant.now();
                        retry = FIRST_RETRY;
                    }
                    String reason = describe(e);
                    if (Instant.now().isAfter(failingSince.plus(config.retryDeadline()))) {
                        end(id, ImportState.FAILED, reason);
                        LOG.warnf("History import %d failed: %s", id, reason);
                        return;
                    }
                    LOG.warnf(
                            "History import %d interrupted (%s); resuming from its checkpoint in %s",
                            id, reason, retry);
                    Thread.sleep(retry.toMillis());
                    retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // A defect, not the source: retrying would fail the same way, so say so rather than loop.
            LOG.errorf(e, "History import %d: runner failed", id);
            try {
                end(id, ImportState.FAILED, "Unexpected error: " + describe(e));
            } catch (RuntimeException ignored) {
                LOG.debugf("Could not mark history import %d failed", id);
            }
        } finally {
            running.remove(id);
        }
    }

    private ImportJob load(long id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            HistoryImport row = HistoryImport.findById(id);
            if (row == null || row.state() != ImportState.RUNNING || !owner.equals(row.owner)) {
                return null;
            }
            return new ImportJob(row, owner, config, writer, progress);
        });
    }

    private void end(long id, ImportState state, String failure) {
        QuarkusTransaction.requiringNew().run(() -> {
            if (HistoryImport.finish(id, owner, state, failure)) {
                progress.fire(new ImportProgressed(id));
            }
        });
    }

    /** Wrong credentials or no such database: retrying cannot help. */
    private static boolean isPermanent(Exception e) {
        return e instanceof SQLException sql
                && sql.getSQLState() != null
                && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("3D000"));
    }

    /** What went wrong, for admins: the message of the database or client error, never a password. */
    static String describe(Exception e) {
        if (e instanceof SQLException sql) {
            return "the ClubOS database: " + sql.getMessage();
        }
        if (e instanceof IllegalArgumentException) {
            return e.getMessage(); // a malformed LEGACY_DATABASE_URL, named without its password
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** On shutdown: stop at the next batch and hand the imports over to another replica at once. */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stopping = true;
        Set<Long> mine = Set.copyOf(running);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        try {
            QuarkusTransaction.requiringNew()
                    .run(() -> HistoryImport.release(owner, mine.isEmpty() ? Set.of(-1L) : mine));
        } catch (RuntimeException e) {
            LOG.debugf("Could not release history imports: %s", e.getMessage());
        }
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
