package com.clubos.messages.openphone;

import com.clubos.messages.message.MessageIngestion;
import com.clubos.messages.message.ObservedMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Applies a verified OpenPhone webhook in one transaction: recorded once, then acted on once. */
@ApplicationScoped
public class WebhookService {

    private static final Logger LOG = Logger.getLogger(WebhookService.class);

    public enum Outcome {
        STORED,
        DUPLICATE,
        IGNORED
    }

    private final WebhookParser parser;
    private final MessageIngestion ingestion;
    private final MeterRegistry metrics;
    private final WebhookConfig config;

    public WebhookService(
            WebhookParser parser, MessageIngestion ingestion, MeterRegistry metrics, WebhookConfig config) {
        this.parser = parser;
        this.ingestion = ingestion;
        this.metrics = metrics;
        this.config = config;
    }

    @WithSpan("webhook ingest")
    @Transactional
    public Outcome handle(WebhookEvent event) {
        // Parse the message first so a malformed one is refused without writing anything.
        ObservedMessage message = event.isMessageEvent() ? parser.message(event) : null;
        if (!WebhookEventLog.recordOnce(event.id(), event.type(), event.payloadJson())) {
            metrics.counter("clubos.webhook.events", "type", event.type(), "outcome", "duplicate")
                    .increment();
            return Outcome.DUPLICATE;
        }
        Outcome outcome = Outcome.STORED;
        switch (event.type()) {
            case "message.received" -> ingestion.received(message);
            case "message.delivered" -> ingestion.delivered(message);
            default -> outcome = Outcome.IGNORED;
        }
        metrics.counter(
                        "clubos.webhook.events",
                        "type",
                        knownType(event.type()),
                        "outcome",
                        outcome.name().toLowerCase())
                .increment();
        return outcome;
    }

    /** Keeps the metric's tag values bounded whatever types arrive. */
    private static String knownType(String type) {
        return type.startsWith("message.") || type.startsWith("call.") || type.startsWith("contact.") ? type : "other";
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void pruneOldEvents() {
        long removed = WebhookEventLog.deleteReceivedBefore(Instant.now().minus(config.retention()));
        if (removed > 0) {
            LOG.infof("Removed %d webhook events older than %s", removed, config.retention());
        }
    }
}
