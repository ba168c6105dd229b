package com.clubos.messages.openphone;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The calls the outbox and background jobs make to OpenPhone, each through the shared rate limiter. */
@ApplicationScoped
public class OpenPhoneGateway {

    private static final Duration DEFAULT_429_PAUSE = Duration.ofSeconds(1);
    private static final int LOOKUP_PAGE = 50;

    private final OpenPhoneClients clients;
    private final OpenPhoneRateLimiter limiter;

    public OpenPhoneGateway(OpenPhoneClients clients, OpenPhoneRateLimiter limiter) {
        this.clients = clients;
        this.limiter = limiter;
    }

    /** Sends one text; OpenPhone's answer, or OpenPhoneException / ProcessingException. */
    public OpenPhoneMessage send(String from, String to, String text, boolean markDone, CallPriority priority)
            throws InterruptedException {
        limiter.acquire(priority);
        return rateLimitAware(() -> clients.client()
                .send(SendMessageRequest.text(text, from, to, markDone))
                .data());
    }

    /**
     * Finds a text we may already have sent: outgoing from our line to the customer with exactly
     * this content, created after {@code since}, and accepted by {@code unclaimed}.
     */
    public Optional<OpenPhoneMessage> findSent(
            String from,
            String to,
            String text,
            Instant since,
            Predicate<OpenPhoneMessage> unclaimed,
            CallPriority priority)
            throws InterruptedException {
        limiter.acquire(priority);
        OpenPhoneMessagePage page =
                rateLimitAware(() -> clients.client().messages(from, List.of(to), LOOKUP_PAGE, null, since.toString()));
        return page.data() == null
                ? Optional.empty()
                : page.data().stream()
                        .filter(m -> "outgoing".equalsIgnoreCase(m.direction()))
                        .filter(m -> text.equals(m.text()))
                        .filter(m -> m.to().contains(to))
                        .filter(unclaimed)
                        .reduce((newer, older) -> older);
    }

    /**
     * A background call (history backfill, later campaigns): it takes a {@link CallPriority#BULK} slot,
     * so it never delays a staff send, and a 429 holds every replica's calls as for sends.
     */
    public <T> T bulk(Function<OpenPhoneClient, T> call) throws InterruptedException {
        limiter.acquire(CallPriority.BULK);
        return rateLimitAware(() -> call.apply(clients.client()));
    }

    private <T> T rateLimitAware(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (OpenPhoneException e) {
            if (e.rateLimited()) {
                limiter.backOff(e.retryAfter().orElse(DEFAULT_429_PAUSE));
            }
            throw e;
        }
    }
}
