package com.clubos.messages.line;

import com.clubos.messages.openphone.OpenPhoneClient;
import com.clubos.messages.openphone.OpenPhoneConfig;
import com.clubos.messages.openphone.OpenPhoneGateway;
import com.clubos.messages.openphone.OpenPhoneNumber;
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
 * every OPENPHONE_LINES_REFRESH (15 minutes), through the shared rate limit behind staff sends. Until the first answer
 * the lines stored by the last successful sync are used.
 */
@ApplicationScoped
public class LineSync {

    private static final Logger LOG = Logger.getLogger(LineSync.class);

    private final LineDirectory directory;
    private final OpenPhoneGateway openPhoneCalls;
    private final OpenPhoneConfig openPhone;
    private final PhoneNumbers phoneNumbers;
    private final LinesConfig config;
    private volatile boolean synced;

    public LineSync(
            LineDirectory directory,
            OpenPhoneGateway openPhoneCalls,
            OpenPhoneConfig openPhone,
            PhoneNumbers phoneNumbers,
            LinesConfig config) {
        this.config = config;
        this.directory = directory;
        this.openPhoneCalls = openPhoneCalls;
        this.openPhone = openPhone;
        this.phoneNumbers = phoneNumbers;
    }

    void onStart(@Observes StartupEvent event) {
        directory.loadStored();
    }

    /** Every OPENPHONE_LINES_REFRESH, and sooner (every half minute) until a sync has worked. */
    @Scheduled(
            every = "${clubos.lines.refresh-every:15m}",
            delayed = "3s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSync() {
        trySync();
    }

    @Scheduled(every = "30s", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void retryUntilSynced() {
        if (!synced) {
            trySync();
        }
    }

    private void trySync() {
        if (!openPhone.configured()
                || "off".equalsIgnoreCase(config.refreshEvery().strip())) {
            return;
        }
        try {
            sync();
            synced = true;
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not load the lines from OpenPhone (GET /v1/phone-numbers), trying again shortly: %s",
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks OpenPhone for the workspace's lines and makes them ours; answers how many it listed. */
    public int sync() throws InterruptedException {
        List<OpenPhoneNumber> listed = Optional.ofNullable(
                        openPhoneCalls.bulk(OpenPhoneClient::phoneNumbers).data())
                .orElse(List.of());
        List<Line> lines = listed.stream()
                .flatMap(number -> phoneNumbers.toE164(number.number()).stream()
                        .map(e164 -> new Line(e164, number.id(), number.name())))
                .toList();
        directory.replaceFromOpenPhone(lines);
        return lines.size();
    }
}
