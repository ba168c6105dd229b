package com.clubos.messages.campaign;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Every replica releases campaign texts on a timer and pushes campaign progress; PostgreSQL row
 * locks keep replicas from releasing the same recipient, and a conditional UPDATE from pushing the
 * same progress twice.
 */
@ApplicationScoped
public class CampaignDispatcher {

    private static final Logger LOG = Logger.getLogger(CampaignDispatcher.class);

    private final CampaignRelease release;
    private final CampaignProgress progress;
    private volatile boolean stopping;

    public CampaignDispatcher(CampaignRelease release, CampaignProgress progress) {
        this.release = release;
        this.progress = progress;
    }

    @Scheduled(
            every = "${clubos.campaigns.dispatch-every:1s}",
            delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        if (stopping) {
            return;
        }
        try {
            release.releaseDue();
            progress.pushChanged();
        } catch (RuntimeException e) {
            // Typically the database is away: nothing was released, the recipients wait.
            LOG.warnf("Campaign pass failed: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }
}
