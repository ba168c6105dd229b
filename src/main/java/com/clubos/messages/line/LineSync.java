package com.clubos.messages.line;

import com.clubos.messages.openphone.OpenPhoneClients;
import com.clubos.messages.openphone.OpenPhoneConfig;
import com.clubos.messages.openphone.OpenPhoneNumber;
import com.clubos.messages.openphone.OpenPhoneRateLimiter;
import com.clubos.messages.phone.PhoneNumbers;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Learns the workspace's lines from OpenPhone ({@code GET /v1/phone-numbers}) soon after start and
 * every OPENPHONE_LINES_REFRESH (15 minutes), through the shared rate limit. Until the first answer
 * the lines stored by the last successful sync are used.
 */
@ApplicationScoped
public class LineSync {

    private static final Logger LOG = Logger.getLogger(LineSync.class);

    private final LineDirectory directory;
    private final OpenPhoneClients clients;
    private final OpenPhoneRateLimiter limiter;
    private final OpenPhoneConfig openPhone;
    private final PhoneNumbers phoneNumbers;

    // LinesConfig is read by the @Scheduled expression; injecting it keeps its keys validated.
    public LineSync(LineDirectory directory, OpenPhoneClients clients, OpenPhoneRateLimiter limiter,
                    OpenPhoneConfig openPhone, PhoneNumbers phoneNumbers, LinesConfig linesConfig) {
        this.directory = directory;
        this.clients = clients;
        this.limiter = limiter;
        this.openPhone = openPhone;
        this.phoneNumbers = phoneNumbers;
    }

    void onStart(@Observes StartupEvent event) {
        directory.loadStored();
    }

    @Scheduled(every = "${clubos.lines.refresh-every:15m}", delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSync() {
        if (!openPhone.configured()) {
            return;
        }
        try {
            sync();
        } catch (RuntimeException e) {
            LOG.warnf("Could not load the lines from OpenPhone (GET /v1/phone-numbers): %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks OpenPhone for the workspace's lines and makes them ours; answers how many it listed. */
    public int sync() throws InterruptedException {
        limiter.acquire();
        List<OpenPhoneNumber> listed = Optional.ofNullable(clients.client().phoneNumbers().data()).orElse(List.of());
        List<Line> lines = listed.stream()
                .flatMap(number -> phoneNumbers.toE164(number.number()).stream()
                        .map(e164 -> new Line(e164, number.id(), number.name())))
                .toList();
        directory.replaceFromOpenPhone(lines);
        return lines.size();
    }
}
