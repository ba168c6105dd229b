package com.clubos.messages.openphone.simulator;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.openphone.WebhookSignatures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Waiting for, reading and checking the webhooks the simulator posted to WireMock. */
final class Webhooks {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_MILLIS = 15_000;

    private Webhooks() {}

    static LoggedRequest await(WireMockServer capture, String type, String messageId) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            for (LoggedRequest request : posted(capture)) {
                JsonNode event = json(request);
                if (type.equals(event.path("type").asText())
                        && messageId.equals(
                                event.path("data").path("object").path("id").asText())) {
                    return request;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " webhook for " + messageId + " within " + TIMEOUT_MILLIS + " ms");
    }

    static void awaitCount(WireMockServer capture, String messageId, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        long seen = 0;
        while (System.currentTimeMillis() < deadline) {
            seen = posted(capture).stream()
                    .filter(r -> messageId.equals(
                            json(r).path("data").path("object").path("id").asText()))
                    .count();
            if (seen >= count) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(seen + " webhooks for " + messageId + " instead of " + count);
    }

    static JsonNode json(LoggedRequest request) {
        try {
            return JSON.readTree(request.getBody());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The signature verifies over the raw bytes received, with a millisecond timestamp of now. */
    static void assertSigned(LoggedRequest request, String secret) {
        String header = request.getHeader("openphone-signature");
        String[] parts = header.split(";");
        assertEquals(4, parts.length, header);
        String timestamp = parts[2];
        assertEquals(13, timestamp.length(), "milliseconds");
        assertTrue(Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) < 60_000, "recent");
        assertEquals(
                WebhookSignatures.openPhoneHeader(WebhookSignatures.key(secret), timestamp, request.getBody()), header);
        assertTrue(request.getHeader("Content-Type").startsWith("application/json"));
    }

    private static List<LoggedRequest> posted(WireMockServer capture) {
        return capture.findAll(postRequestedFor(urlPathEqualTo(OpenPhoneWireMock.WEBHOOK_PATH)));
    }
}
