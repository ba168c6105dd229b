package com.clubos.messages.history;

import com.clubos.messages.openphone.OpenPhoneClient;
import com.clubos.messages.openphone.OpenPhoneException;
import com.clubos.messages.openphone.OpenPhoneGateway;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The backfill's OpenPhone calls: bulk calls through the shared limiter (staff sends first), retried
 * on 429, 5xx and timeouts until {@code HISTORY_RETRY_DEADLINE}; a refused key ends the import.
 */
@ApplicationScoped
class OpenPhoneCalls {

    private static final Logger LOG = Logger.getLogger(OpenPhoneCalls.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final OpenPhoneGateway gateway;
    private final HistoryConfig config;

    OpenPhoneCalls(OpenPhoneGateway gateway, HistoryConfig config) {
        this.gateway = gateway;
        this.config = config;
    }

    /** A call the import cannot go on without: any refusal ends it as failed. */
    <T> T required(ImportJob job, String what, Function<OpenPhoneClient, T> call) throws InterruptedException {
        try {
            return retrying(job, what, call);
        } catch (OpenPhoneException e) {
            throw new ImportFailed("OpenPhone refused " + what + " (" + e.httpStatus() + ": " + e.getMessage() + ")");
        }
    }

    /** A call for one conversation: a refusal (4xx) is recorded in the batch and the import goes on. */
    <T> Optional<T> optional(ImportJob job, String what, Function<OpenPhoneClient, T> call, HistoryBatch batch)
            throws InterruptedException {
        try {
            return Optional.ofNullable(retrying(job, what, call));
        } catch (OpenPhoneException e) {
            batch.problem(
                    what,
                    "OpenPhone refused it (" + e.httpStatus() + ": " + e.getMessage() + "); conversation left out");
            return Optional.empty();
        }
    }

    /** Retries what may pass later; throws the refusal otherwise (401 ends the import at once). */
    private <T> T retrying(ImportJob job, String what, Function<OpenPhoneClient, T> call) throws InterruptedException {
        Instant deadline = Instant.now().plus(config.retryDeadline());
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            job.checkStillRunning();
            String problem;
            Duration wait;
            try {
                return gateway.bulk(call);
            } catch (OpenPhoneException e) {
                if (e.httpStatus() == 401) {
                    throw new ImportFailed(
                            "OpenPhone refused the API key (401) on " + what + ": check OPENPHONE_API_KEY");
                }
                if (!e.retryable()) {
                    throw e;
                }
                problem = "answered " + e.httpStatus();
                // A 429 already holds every replica's calls in the limiter; the next slot waits for it.
                wait = e.rateLimited() ? Duration.ZERO : e.retryAfter().orElse(backoff);
            } catch (ProcessingException e) {
                problem = "did not answer";
                wait = backoff;
            }
            if (Instant.now().plus(wait).isAfter(deadline)) {
                throw new ImportFailed("OpenPhone " + problem + " on " + what + " for longer than "
                        + config.retryDeadline() + "; start the import again later (it adds nothing twice)");
            }
            LOG.debugf("History import %d: OpenPhone %s on %s, retrying in %s", job.id, problem, what, wait);
            Thread.sleep(wait.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }
}
