package com.clubos.messages.message;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Runs the outbox on this replica: a dispatcher thread claims due messages and hands them to a
 * small pool, wakes at once when a send is queued here, and otherwise polls. Any number of
 * replicas may run it side by side.
 */
@ApplicationScoped
public class OutboxWorker {

    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private final OutboxSender sender;
    private final OutboxConfig config;
    private final TextGateway openPhone;
    private final MeterRegistry metrics;
    private final Semaphore wake = new Semaphore(0);
    /** Send threads without a message: the dispatcher claims at most this many at a time. */
    private final Semaphore idle = new Semaphore(0);

    private volatile boolean running;
    private Thread dispatcher;
    private ExecutorService pool;
    private Instant nextStuckCheck = Instant.EPOCH;

    public OutboxWorker(OutboxSender sender, OutboxConfig config, TextGateway openPhone, MeterRegistry metrics) {
        this.sender = sender;
        this.config = config;
        this.openPhone = openPhone;
        this.metrics = metrics;
    }

    synchronized void start(@Observes StartupEvent event) {
        if (running) {
            return;
        }
        if (!config.enabled() || !openPhone.configured()) {
            LOG.info(
                    "Outbox is off on this replica: queued messages are sent by others or once OpenPhone is configured");
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        pool = Executors.newFixedThreadPool(
                config.concurrency(), r -> new Thread(r, "outbox-send-" + threads.incrementAndGet()));
        idle.drainPermits();
        idle.release(config.concurrency());
        running = true;
        nextStuckCheck = Instant.EPOCH;
        dispatcher = new Thread(this::dispatch, "outbox-dispatcher");
        dispatcher.start();
        if (metrics.find("clubos.outbox.depth").gauge() == null) {
            metrics.gauge("clubos.outbox.depth", this, worker -> worker.measure(Outbox::depth));
            metrics.gauge("clubos.outbox.oldest.age.seconds", this, worker -> worker.measure(Outbox::oldestAgeSeconds));
        }
    }

    synchronized void stop(@Observes ShutdownEvent event) throws InterruptedException {
        if (!running) {
            return;
        }
        // Take no new work; sends already handed to the pool finish and record their outcome.
        running = false;
        wake.release();
        dispatcher.join(SHUTDOWN_GRACE.toMillis());
        pool.shutdown();
        pool.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A send committed on this replica goes out without waiting for the next poll. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageChanged change) {
        if (change.kind() == MessageChanged.Kind.CREATED) {
            wake.release();
        }
    }

    public void wakeUp() {
        wake.release();
    }

    /**
     * Claims as many due messages as there are idle send threads, so that a staff send committed
     * while campaign texts wait for their (bulk) slots is claimed as soon as one thread is free,
     * not after a whole batch; the claim takes interactive messages first.
     */
    private void dispatch() {
        while (running) {
            try {
                releaseStuckSends();
                if (!idle.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int wanted = 1 + idle.drainPermits();
                List<Message> batch = claimOrGiveBack(wanted);
                if (batch.isEmpty()) {
                    wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                    continue;
                }
                for (Message message : batch) {
                    pool.execute(() -> {
                        try {
                            sender.attempt(message);
                        } finally {
                            idle.release();
                        }
                    });
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Typically the database is away: nothing is lost, the rows wait in the queue.
                LOG.warnf("Outbox pass failed: %s", e.getMessage());
                pause();
            }
        }
    }

    /** Claims up to {@code wanted} messages; the threads left without one are idle again. */
    private List<Message> claimOrGiveBack(int wanted) {
        List<Message> batch = List.of();
        try {
            batch = sender.claim(wanted);
            return batch;
        } finally {
            idle.release(wanted - batch.size());
        }
    }

    private void releaseStuckSends() {
        if (Instant.now().isBefore(nextStuckCheck)) {
            return;
        }
        nextStuckCheck = Instant.now().plus(config.stuckAfter().dividedBy(4));
        int released = sender.releaseStuck();
        if (released > 0) {
            LOG.warnf("%d interrupted send(s) returned to the queue for reconciliation", released);
        }
    }

    private void pause() {
        try {
            Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private double measure(java.util.concurrent.Callable<? extends Number> query) {
        try {
            return QuarkusTransaction.requiringNew().call(query).doubleValue();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
