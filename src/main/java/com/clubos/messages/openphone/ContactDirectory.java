package com.clubos.messages.openphone;

import com.clubos.messages.conversation.Conversation;
import com.clubos.messages.message.CustomerNames;
import com.clubos.messages.phone.PhoneNumbers;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Names of customers from the OpenPhone workspace's contacts, cached in memory and refreshed in
 * the background, so a new conversation gets a real name without an API call in the webhook path.
 * After each refresh, conversations still called "Unknown" whose number is a contact are renamed.
 */
@ApplicationScoped
public class ContactDirectory implements CustomerNames {

    private static final Logger LOG = Logger.getLogger(ContactDirectory.class);
    private static final int PAGE_SIZE = 50;
    /** A runaway workspace must not keep the rate limiter busy for long. */
    private static final int MAX_PAGES = 200;

    private final OpenPhoneClients clients;
    private final OpenPhoneRateLimiter limiter;
    private final OpenPhoneConfig config;
    private final PhoneNumbers phoneNumbers;
    private volatile Map<String, String> names = Map.of();
    /** OpenPhone refused the workspace-wide list (400): not asked again until restart. */
    private volatile boolean unavailable;

    // ContactsConfig is read by the @Scheduled expression; injecting it keeps its keys validated.
    public ContactDirectory(
            OpenPhoneClients clients,
            OpenPhoneRateLimiter limiter,
            OpenPhoneConfig config,
            PhoneNumbers phoneNumbers,
            ContactsConfig contactsConfig) {
        this.clients = clients;
        this.limiter = limiter;
        this.config = config;
        this.phoneNumbers = phoneNumbers;
    }

    public Optional<String> nameOf(String e164) {
        return Optional.ofNullable(names.get(e164));
    }

    @Scheduled(
            every = "${openphone.contacts.refresh-every:15m}",
            delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledRefresh() {
        if (!config.configured() || unavailable) {
            return;
        }
        try {
            refresh();
        } catch (OpenPhoneException e) {
            if (e.httpStatus() == 400) {
                // v1 lists contacts only by externalIds: a workspace list is refused, every time. Names then
                // come from conversations (history import) and staff renames; asking again would only spend calls.
                unavailable = true;
                LOG.infof(
                        "OpenPhone does not list this workspace's contacts (%s): contact names are not loaded",
                        e.getMessage());
            } else {
                LOG.warnf("Could not refresh OpenPhone contacts: %s", e.getMessage());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Could not refresh OpenPhone contacts: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reloads every contact and names the "Unknown" conversations it can; returns how many it renamed. */
    public int refresh() throws InterruptedException {
        Map<String, String> loaded = new HashMap<>();
        String pageToken = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            limiter.acquire(CallPriority.BULK); // background work: staff sends go first
            OpenPhoneContactPage contacts = clients.client().contacts(PAGE_SIZE, pageToken);
            for (OpenPhoneContact contact : contacts.data()) {
                contact.displayName()
                        .ifPresent(name -> contact.phoneNumbers()
                                .forEach(number ->
                                        phoneNumbers.toE164(number).ifPresent(e164 -> loaded.putIfAbsent(e164, name))));
            }
            pageToken = contacts.nextPageToken();
            if (pageToken == null || pageToken.isBlank()) {
                break;
            }
        }
        names = Map.copyOf(loaded);
        return QuarkusTransaction.requiringNew()
                .call(() -> loaded.entrySet().stream()
                        .mapToInt(entry -> Conversation.nameIfUnknown(entry.getKey(), entry.getValue()))
                        .sum());
    }
}
