package com.clubos.messages.openphone.simulator;

import com.clubos.messages.api.ListeningPort;
import com.clubos.messages.openphone.WebhookConfig;
import com.clubos.messages.openphone.WebhookSignatures;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Posts the webhooks OpenPhone would: {@code message.delivered} a moment after each simulated send,
 * {@code message.received} for a simulated customer reply. Bodies use OpenPhone's v3 event envelope
 * and are signed ({@code openphone-signature}) with the first configured webhook secret, over the
 * exact bytes sent. Everything runs asynchronously on the JDK HTTP client; failed posts are retried
 * with backoff, and logged by event id only (never bodies or secrets).
 */
@ApplicationScoped
public class SimulatedWebhooks {

    static final int MAX_ATTEMPTS = 4;
    static final String AUTO_REPLY = "Thanks! 👍";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(SimulatedWebhooks.class);

    private final SimulatorConfig config;
    private final WebhookConfig webhooks;
    private final SimulatedMessages messages;
    private final int httpPort;
    private final AtomicBoolean warnedNoSecret = new AtomicBoolean();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    public SimulatedWebhooks(
            SimulatorConfig config, WebhookConfig webhooks, SimulatedMessages messages, ListeningPort httpPort) {
        this.config = config;
        this.webhooks = webhooks;
        this.messages = messages;
        this.httpPort = httpPort.port();
    }

    /** After the delivery delay: the text becomes {@code delivered}, and OpenPhone would say so. */
    void deliverLater(SimulatedMessage sent) {
        CompletableFuture.runAsync(
                () -> messages.updateStatus(sent.id(), "delivered").ifPresent(delivered -> {
                    post("message.delivered", SimulatedEvents.delivered(delivered));
                    if (config.autoReply()) {
                        CompletableFuture.runAsync(
                                () -> customerReply(sent.to(), sent.from(), AUTO_REPLY), after(config.deliveryDelay()));
                    }
                }),
                after(config.deliveryDelay()));
    }

    /** A customer texts one of our lines: remembered, then announced as {@code message.received}. */
    SimulatedMessage customerReply(String customer, String line, String text) {
        SimulatedMessage received = messages.add(customer, line, text, "incoming", "received");
        post("message.received", SimulatedEvents.received(received));
        return received;
    }

    /** Completes with true once a post was answered 2xx, false when every attempt failed. */
    CompletableFuture<Boolean> post(String type, ObjectNode event) {
        Optional<String> secret = webhooks.allSecrets().stream().findFirst();
        if (secret.isEmpty()) {
            if (warnedNoSecret.compareAndSet(false, true)) {
                LOG.warn("OpenPhone simulator: no webhook secret configured (OPENPHONE_WEBHOOK_SECRET), "
                        + "so it posts no webhooks");
            }
            return CompletableFuture.completedFuture(false);
        }
        byte[] body = event.toString().getBytes(StandardCharsets.UTF_8);
        String eventId = event.path("id").asText();
        return attempt(type, eventId, body, WebhookSignatures.key(secret.get()), 1);
    }

    private CompletableFuture<Boolean> attempt(String type, String eventId, byte[] body, byte[] key, int attempt) {
        // Signed afresh each attempt, as a redelivery would be, so it never arrives stale.
        String millis = String.valueOf(System.currentTimeMillis());
        HttpRequest request = HttpRequest.newBuilder(webhookUri())
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .header("openphone-signature", WebhookSignatures.openPhoneHeader(key, millis, body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .handle((response, failure) -> {
                    if (failure == null && response.statusCode() / 100 == 2) {
                        return CompletableFuture.completedFuture(true);
                    }
                    String why = failure != null ? failure.getClass().getSimpleName() : "HTTP " + response.statusCode();
                    if (attempt >= MAX_ATTEMPTS) {
                        LOG.warnf(
                                "OpenPhone simulator: %s webhook %s not accepted after %d attempts (%s)",
                                type, eventId, attempt, why);
                        return CompletableFuture.completedFuture(false);
                    }
                    LOG.debugf(
                            "OpenPhone simulator: %s webhook %s attempt %d failed (%s), retrying",
                            type, eventId, attempt, why);
                    Duration backoff = FIRST_BACKOFF.multipliedBy(1L << (attempt - 1));
                    return CompletableFuture.supplyAsync(() -> null, after(backoff))
                            .thenCompose(ignored -> attempt(type, eventId, body, key, attempt + 1));
                })
                .thenCompose(next -> next);
    }

    URI webhookUri() {
        return URI.create(config.webhookUrl()
                .filter(url -> !url.isBlank())
                .orElse("http://127.0.0.1:" + httpPort + "/api/openphone/webhook"));
    }

    private static Executor after(Duration delay) {
        return CompletableFuture.delayedExecutor(Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }
}
