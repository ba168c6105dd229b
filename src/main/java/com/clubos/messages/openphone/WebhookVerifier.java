package com.clubos.messages.openphone;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Decides whether a webhook really comes from OpenPhone: an HMAC over the raw bytes received, with
 * any of our subscriptions' secrets, under either signature scheme, with a fresh timestamp.
 * Fails closed: with no secret configured nothing is accepted.
 */
@ApplicationScoped
public class WebhookVerifier {

    private static final Logger LOG = Logger.getLogger(WebhookVerifier.class);
    /** Timestamps above this are milliseconds (OpenPhone's example uses 13 digits), below it seconds. */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private final List<byte[]> keys;
    private final List<String> schemes;
    private final Duration tolerance;
    private final MeterRegistry metrics;
    private final Clock clock;

    public WebhookVerifier(WebhookConfig config, MeterRegistry metrics) {
        List<String> secrets = config.allSecrets();
        this.keys = secrets.stream().map(WebhookSignatures::key).toList();
        this.schemes = secrets.stream().map(WebhookSignatures::describe).toList();
        this.tolerance = config.tolerance();
        this.metrics = metrics;
        this.clock = Clock.systemUTC();
    }

    void announce(@Observes StartupEvent event) {
        if (keys.isEmpty()) {
            LOG.warn("Neither OPENPHONE_WEBHOOK_SECRET nor OPENPHONE_WEBHOOK_SECRETS is set: "
                    + "every OpenPhone webhook will be refused (401)");
        } else {
            LOG.infof(
                    "OpenPhone webhooks verified with %d signing secret(s): %s",
                    keys.size(), String.join(", ", schemes));
        }
    }

    /** The signature headers a webhook may carry; any of them may be null. */
    public record SignatureHeaders(
            String openPhoneSignature, String webhookId, String webhookTimestamp, String webhookSignature) {}

    /** Empty when the body is authentic; otherwise why not (for the log and the metric, not the caller). */
    public Optional<String> rejection(SignatureHeaders headers, byte[] body) {
        Optional<String> reason = check(headers, body);
        reason.ifPresent(r -> metrics.counter("clubos.webhook.verification.failed", "reason", r)
                .increment());
        return reason;
    }

    private Optional<String> check(SignatureHeaders headers, byte[] body) {
        if (keys.isEmpty()) {
            return Optional.of("no-secret-configured");
        }
        if (present(headers.openPhoneSignature())) {
            return checkOpenPhoneScheme(headers.openPhoneSignature(), body);
        }
        if (present(headers.webhookSignature())) {
            return checkStandardScheme(headers, body);
        }
        return Optional.of("missing-signature");
    }

    /** {@code hmac;1;<timestamp>;<digest>}, possibly several comma-separated. */
    private Optional<String> checkOpenPhoneScheme(String header, byte[] body) {
        String reason = "malformed-signature";
        for (String candidate : header.split(",")) {
            String[] parts = candidate.strip().split(";");
            if (parts.length != 4 || !"hmac".equals(parts[0]) || !"1".equals(parts[1])) {
                continue;
            }
            Optional<Instant> at = timestamp(parts[2]);
            if (at.isEmpty()) {
                continue;
            }
            if (!fresh(at.get())) {
                reason = "stale-timestamp";
                continue;
            }
            for (byte[] key : keys) {
                if (constantTimeEquals(WebhookSignatures.openPhoneDigest(key, parts[2], body), parts[3])) {
                    return Optional.empty();
                }
            }
            reason = "bad-signature";
        }
        return Optional.of(reason);
    }

    /** Standard Webhooks: {@code webhook-signature: v1,<digest> v1,<digest>…}. */
    private Optional<String> checkStandardScheme(SignatureHeaders headers, byte[] body) {
        if (!present(headers.webhookId()) || !present(headers.webhookTimestamp())) {
            return Optional.of("malformed-signature");
        }
        Optional<Instant> at = timestamp(headers.webhookTimestamp());
        if (at.isEmpty()) {
            return Optional.of("malformed-signature");
        }
        if (!fresh(at.get())) {
            return Optional.of("stale-timestamp");
        }
        for (String candidate : headers.webhookSignature().strip().split("\\s+")) {
            if (!candidate.startsWith("v1,")) {
                continue;
            }
            String digest = candidate.substring(3);
            for (byte[] key : keys) {
                String expected =
                        WebhookSignatures.standardDigest(key, headers.webhookId(), headers.webhookTimestamp(), body);
                if (constantTimeEquals(expected, digest)) {
                    return Optional.empty();
                }
            }
        }
        return Optional.of("bad-signature");
    }

    private static Optional<Instant> timestamp(String value) {
        try {
            long number = Long.parseLong(value.strip());
            return Optional.of(
                    number > MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private boolean fresh(Instant at) {
        return Duration.between(at, clock.instant()).abs().compareTo(tolerance) <= 0;
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), actual.strip().getBytes(StandardCharsets.US_ASCII));
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
