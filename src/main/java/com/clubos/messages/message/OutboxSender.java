package com.clubos.messages.message;

import com.clubos.messages.message.TextGateway.OutgoingText;
import com.clubos.messages.message.TextGateway.SendPriority;
import com.clubos.messages.message.TextGateway.SentText;
import com.clubos.messages.tracing.StoredTraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.ws.rs.ProcessingException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Takes one claimed message through one attempt at OpenPhone and records the outcome: accepted →
 * {@code sent} with OpenPhone's id; 429/5xx/timeouts → back to the queue with backoff until the
 * deadline; other 4xx → {@code failed} with OpenPhone's reason. An attempt that may have reached
 * OpenPhone (timeout, crash) is looked up there before anything is sent again.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);
    /** How far before our attempt a text found at OpenPhone may have been created (clock skew). */
    private static final Duration LOOKUP_MARGIN = Duration.ofMinutes(2);

    private final TextGateway openPhone;
    private final MessageIngestion ingestion;
    private final OutboxConfig config;
    private final Event<MessageChanged> changes;
    private final MeterRegistry metrics;
    private final Tracer tracer;
    private final RetryWindow retryWindow;

    public OutboxSender(
            TextGateway openPhone,
            MessageIngestion ingestion,
            OutboxConfig config,
            Event<MessageChanged> changes,
            MeterRegistry metrics,
            Tracer tracer,
            RetryWindow retryWindow) {
        this.retryWindow = retryWindow;
        this.openPhone = openPhone;
        this.ingestion = ingestion;
        this.config = config;
        this.changes = changes;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /** Claims up to {@code limit} due messages for this replica, each now {@code sending}. */
    public List<Message> claim(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Message> claimed = Outbox.claimDue(limit);
            claimed.forEach(m -> {
                MessageStatusChange.record(m.id, MessageStatus.SENDING, null);
                changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, m.id, m.conversationId));
            });
            return claimed;
        });
    }

    /** Returns sends abandoned mid-call by a replica that died to the queue, to be reconciled. */
    public int releaseStuck() {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Number> ids = Outbox.releaseStuck(Instant.now().minus(config.stuckAfter()));
            ids.forEach(id -> MessageStatusChange.record(
                    id.longValue(),
                    MessageStatus.QUEUED,
                    "Interrupted while sending; checking OpenPhone before any resend"));
            return ids.size();
        });
    }

    /** One attempt, in the trace of the request that queued the message (its span is the parent). */
    public void attempt(Message message) {
        Span span = tracer.spanBuilder("outbox send")
                .setParent(StoredTraceContext.parentOf(message.traceParent))
                .setAttribute("clubos.message.id", message.id)
                .setAttribute("clubos.attempt", message.attempts)
                .startSpan();
        try (Scope ignored = span.makeCurrent()) {
            send(message);
        } finally {
            span.end();
        }
    }

    private void send(Message message) {
        try {
            OutgoingText text = OutgoingText.of(message);
            SendPriority priority = SendPriority.of(message);
            if (message.reconcile) {
                Optional<SentText> earlier =
                        openPhone.findSent(text, message.createdAt.minus(LOOKUP_MARGIN), this::unclaimed, priority);
                if (earlier.isPresent()) {
                    LOG.infof(
                            "Message %d had already reached OpenPhone as %s: not sending again",
                            message.id, earlier.get().id());
                    accepted(message, earlier.get());
                    return;
                }
            }
            accepted(message, openPhone.send(text, priority));
        } catch (TextRefused e) {
            metrics.counter("clubos.openphone.errors", "status", String.valueOf(e.httpStatus()))
                    .increment();
            if (e.retryable()) {
                retryLater(message, e.getMessage(), e.retryAfter(), false);
            } else {
                failed(message, e.getMessage());
            }
        } catch (ProcessingException e) {
            metrics.counter("clubos.openphone.errors", "status", "no-answer").increment();
            // A refused connection never carried the request; a timeout or reset may have.
            boolean mayHaveReached =
                    !(rootCause(e) instanceof ConnectException || rootCause(e) instanceof UnknownHostException);
            retryLater(message, "OpenPhone did not answer", Optional.empty(), mayHaveReached);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            retryLater(message, "Interrupted while sending", Optional.of(Duration.ZERO), true);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Sending message %d failed unexpectedly", message.id);
            retryLater(message, "Unexpected error while sending", Optional.empty(), true);
        }
    }

    private boolean unclaimed(String openphoneId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Message.findByOpenPhoneId(openphoneId).isEmpty());
    }

    private void accepted(Message message, SentText answer) {
        MessageStatus status = MessageStatus.parse(answer.status())
                .filter(s -> s == MessageStatus.DELIVERED || s == MessageStatus.UNDELIVERED)
                .orElse(MessageStatus.SENT);
        QuarkusTransaction.requiringNew().run(() -> {
            Outbox.recordAccepted(message.id, answer.id());
            ingestion.advance(message, status, null);
        });
        metrics.counter("clubos.messages.sent").increment();
    }

    private void retryLater(Message message, String reason, Optional<Duration> retryAfter, boolean reconcile) {
        Duration wait = retryAfter.orElseGet(() -> backoff(message.attempts));
        Instant next = Instant.now().plus(wait);
        if (message.giveUpAt != null && next.isAfter(message.giveUpAt)) {
            failed(message, reason + " (gave up after " + message.attempts + " attempts)");
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> {
            // Only a campaign text may have to wait longer (quiet hours); a staff text never asks.
            Instant at = message.campaignId == null ? next : retryWindow.earliestRetry(message, next);
            String why = at.equals(next) ? reason : reason + "; retried when quiet hours end, " + at;
            if (Outbox.requeue(message.id, at, Duration.between(next, at), why, reconcile)) {
                MessageStatusChange.record(message.id, MessageStatus.QUEUED, why);
                changes.fire(new MessageChanged(MessageChanged.Kind.STATUS, message.id, message.conversationId));
            }
        });
    }

    private void failed(Message message, String reason) {
        metrics.counter("clubos.messages.failed", "reason", reasonTag(reason)).increment();
        QuarkusTransaction.requiringNew().run(() -> ingestion.advance(message, MessageStatus.FAILED, reason));
    }

    /** Exponential backoff with jitter: initial × 2^(attempt-1), capped, times 0.5–1.5. */
    Duration backoff(int attempts) {
        long initial = config.initialBackoff().toMillis();
        long exponential = initial << Math.min(Math.max(attempts - 1, 0), 20);
        long capped = Math.min(exponential, config.maxBackoff().toMillis());
        return Duration.ofMillis((long) (capped * ThreadLocalRandom.current().nextDouble(0.5, 1.5)));
    }

    private static String reasonTag(String reason) {
        return reason.length() > 40 ? reason.substring(0, 40) : reason;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
