package com.clubos.messages.realtime;

import com.clubos.messages.auth.StaffSessions;
import com.clubos.messages.auth.StaffSessionsEnded;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Fans changes out across replicas: one dedicated connection LISTENs on the change channel; each
 * NOTIFY carries sequence numbers ("12" or "12,13,14"), and the rows are loaded and pushed to this
 * replica's clients.
 * After the connection drops (database restart, pg_terminate_backend) it reconnects and pushes
 * whatever was committed in between. Every few seconds it also sweeps the last minute of the feed for
 * changes no NOTIFY announced (a replica killed between its commit and its batched NOTIFY, or a
 * commit that landed with a lower seq than one already seen) and pushes those; every change is pushed
 * once by whichever path sees it first.
 * The same connection LISTENs for staff accounts whose sessions ended (deactivated, new role or
 * password) and passes them on as {@link StaffSessionsEnded}; after a reconnect, as one for everyone.
 */
@ApplicationScoped
public class ChangeListener {

    private static final Logger LOG = Logger.getLogger(ChangeListener.class);
    static final String APPLICATION_NAME = "clubos-realtime-listener";
    private static final int POLL_MILLIS = 250;
    private static final long SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Pushed seqs are remembered longer than the sweep looks back, so the sweep never repeats one. */
    private static final long REMEMBER_NANOS = TimeUnit.MINUTES.toNanos(3);

    private final RealtimeHub hub;
    private final RealtimeConfig config;
    private final DatabaseConnections connections;
    private final Event<StaffSessionsEnded> sessionsEnded;
    private volatile boolean running;
    private volatile long lastSeq = -1;
    private volatile boolean listening;
    private Thread thread;
    /** Seqs already pushed, with when; touched by the listener thread only. */
    private final Map<Long, Long> pushed = new HashMap<>();

    private long sweepFloor = -1;
    private long lastSweep = System.nanoTime();

    public ChangeListener(
            RealtimeHub hub,
            RealtimeConfig config,
            DatabaseConnections connections,
            Event<StaffSessionsEnded> sessionsEnded) {
        this.hub = hub;
        this.config = config;
        this.connections = connections;
        this.sessionsEnded = sessionsEnded;
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "realtime-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2_000);
        }
    }

    /** True while the LISTEN connection is up (readiness and tests). */
    public boolean listening() {
        return listening;
    }

    private void run() {
        while (running) {
            try (Connection connection = connections.open(APPLICATION_NAME)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + ChangeEvent.CHANNEL);
                    statement.execute("LISTEN " + StaffSessions.CHANNEL);
                }
                listening = true;
                // Sessions may have ended while nothing listened: everything cached is doubtful.
                sessionsEnded.fire(new StaffSessionsEnded(null));
                catchUp();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        deliver(notifications);
                    }
                    if (System.nanoTime() - lastSweep > SWEEP_EVERY_NANOS) {
                        sweep();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    LOG.warnf("Change listener lost its database connection (%s); reconnecting", e.getMessage());
                }
            } finally {
                listening = false;
            }
            sleep();
        }
    }

    /** On first start nothing is replayed; after a reconnect, what was committed in between is pushed. */
    private void catchUp() {
        if (lastSeq < 0) {
            lastSeq = QuarkusTransaction.requiringNew().call(ChangeEvent::latestSeq);
            sweepFloor = lastSeq; // what happened before this replica started is not its to push
            return;
        }
        List<ChangeEvent> missed =
                QuarkusTransaction.requiringNew().call(() -> ChangeEvent.after(lastSeq, config.maxReplay() + 1));
        if (missed.size() > config.maxReplay()) {
            hub.resyncAll("the server missed too many changes");
            lastSeq = QuarkusTransaction.requiringNew().call(ChangeEvent::latestSeq);
        } else if (!missed.isEmpty()) {
            publishOnce(missed);
            lastSeq = missed.get(missed.size() - 1).seq;
        }
    }

    private void sweep() {
        lastSweep = System.nanoTime();
        pushed.values().removeIf(at -> lastSweep - at > REMEMBER_NANOS);
        List<ChangeEvent> recent = QuarkusTransaction.requiringNew()
                .call(() -> ChangeEvent.unannouncedCandidates(sweepFloor, config.maxReplay()));
        publishOnce(recent);
    }

    /**
     * Pushes the changes not pushed yet, in the order given, and remembers them once pushed: when rendering
     * fails (the database went away mid-batch) none is remembered, so the catch-up after the reconnect
     * pushes them instead of taking them for done.
     */
    private void publishOnce(List<ChangeEvent> changes) {
        List<ChangeEvent> fresh = changes.stream()
                .filter(change -> !pushed.containsKey(change.seq))
                .toList();
        if (!fresh.isEmpty()) {
            hub.publish(fresh);
        }
        long now = System.nanoTime();
        fresh.forEach(change -> pushed.put(change.seq, now));
    }

    private void deliver(PGNotification[] notifications) {
        List<Long> seqs = new ArrayList<>();
        for (PGNotification notification : notifications) {
            if (StaffSessions.CHANNEL.equals(notification.getName())) {
                sessionsEnded.fire(new StaffSessionsEnded(notification.getParameter()));
                continue;
            }
            for (String seq : notification.getParameter().split(",")) {
                try {
                    seqs.add(Long.parseLong(seq.strip()));
                } catch (NumberFormatException e) {
                    LOG.debugf("Ignoring a malformed change notification");
                }
            }
        }
        if (seqs.isEmpty()) {
            return;
        }
        List<ChangeEvent> changes = QuarkusTransaction.requiringNew().call(() -> ChangeEvent.bySeq(seqs));
        // Keep commit order (the order of the notifications), not numeric order.
        changes.sort(java.util.Comparator.comparingInt(change -> seqs.indexOf(change.seq)));
        publishOnce(changes);
        lastSeq =
                Math.max(lastSeq, seqs.stream().mapToLong(Long::longValue).max().orElse(lastSeq));
    }

    private void sleep() {
        try {
            Thread.sleep(config.listenerRetry().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
