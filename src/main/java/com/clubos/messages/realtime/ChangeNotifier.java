package com.clubos.messages.realtime;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Announces committed changes to every replica with {@code NOTIFY clubos_changes '<seq>,<seq>…'}.
 * The NOTIFY is sent after the change's transaction committed, batched, from one dedicated
 * connection: a NOTIFY inside each writing transaction would serialise all their commits
 * (PostgreSQL holds a global lock from NOTIFY to the end of commit, fsync included).
 */
@ApplicationScoped
public class ChangeNotifier {

    private static final Logger LOG = Logger.getLogger(ChangeNotifier.class);
    static final String APPLICATION_NAME = "clubos-realtime-notifier";
    /** PostgreSQL's NOTIFY payload limit is 8,000 bytes. */
    private static final int MAX_PAYLOAD = 7_000;

    private final BlockingQueue<Long> committed = new LinkedBlockingQueue<>();
    private final RealtimeConfig config;
    private final DatabaseConnections connections;
    private volatile boolean running;
    private Thread thread;

    public ChangeNotifier(RealtimeConfig config, DatabaseConnections connections) {
        this.config = config;
        this.connections = connections;
    }

    /** Called once the change's transaction has committed. */
    void committed(long seq) {
        committed.add(seq);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "realtime-notifier");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join(2_000);
        }
    }

    private void run() {
        List<Long> batch = new ArrayList<>();
        while (running || !committed.isEmpty()) {
            try (Connection connection = connections.open(APPLICATION_NAME);
                    PreparedStatement notify =
                            connection.prepareStatement("SELECT pg_notify('" + ChangeEvent.CHANNEL + "', ?)")) {
                while (running || !committed.isEmpty() || !batch.isEmpty()) {
                    if (batch.isEmpty()) {
                        Long first = committed.poll(250, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                    }
                    committed.drainTo(batch);
                    for (String payload : payloads(batch)) {
                        notify.setString(1, payload);
                        notify.execute();
                    }
                    batch.clear();
                }
            } catch (SQLException e) {
                // Kept in the batch: announced once the connection is back.
                LOG.warnf("Change notifier lost its database connection (%s); reconnecting", e.getMessage());
                sleep();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static List<String> payloads(List<Long> seqs) {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder();
        for (long seq : seqs) {
            if (payload.length() > MAX_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
            }
            payload.append(payload.length() == 0 ? "" : ",").append(seq);
        }
        payloads.add(payload.toString());
        return payloads;
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
