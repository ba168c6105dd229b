package com.clubos.messages.support;

import static io.restassured.RestAssured.given;

import com.clubos.messages.openphone.WebhookSignatures;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** Builds webhooks the way OpenPhone sends them, signed with the test profile's secrets, and posts them. */
public final class OpenPhoneWebhooks {

    public static final String PATH = "/api/openphone/webhook";
    /** The first test secret (OpenPhone scheme) and the second (Standard Webhooks, whsec_). */
    public static final String SECRET = "c2VjcmV0LW9uZS1mb3ItdGVzdHM=";

    public static final String SECOND_SECRET = "whsec_c2Vjb25kLXNlY3JldC1mb3ItdGVzdHM=";
    /** The plan's OPENPHONE_WEBHOOK_SECRET in the test profile, set beside the two above. */
    public static final String PLAN_SECRET = "dGhlLXBsYW5zLXNpbmdsZS1zZWNyZXQ=";

    private OpenPhoneWebhooks() {}

    public static String newEventId() {
        return "EV" + UUID.randomUUID().toString().replace("-", "");
    }

    public static String newMessageId() {
        return "AC" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A message.received event in OpenPhone's v3 envelope ({@code to} an array, text in {@code text}). */
    public static String received(String eventId, String messageId, String from, String to, String text, Instant at) {
        return """
                {"id":"%s","object":"event","apiVersion":"v3","createdAt":"%s","type":"message.received",
                 "data":{"object":{"id":"%s","object":"message","from":"%s","to":["%s"],"direction":"incoming",
                 "text":%s,"media":[],"status":"received","createdAt":"%s","userId":"US123","phoneNumberId":"PN123",
                 "conversationId":"CN123"}}}""".formatted(eventId, at, messageId, from, to, jsonString(text), at);
    }

    /** A message.delivered event for an outgoing text. */
    public static String delivered(String eventId, String messageId, String from, String to, String text, Instant at) {
        return """
                {"id":"%s","object":"event","apiVersion":"v3","createdAt":"%s","type":"message.delivered",
                 "data":{"object":{"id":"%s","object":"message","from":"%s","to":["%s"],"direction":"outgoing",
                 "text":%s,"status":"delivered","createdAt":"%s","userId":"US123","phoneNumberId":"PN123"}}}""".formatted(eventId, at, messageId, from, to, jsonString(text), at);
    }

    public static Response post(String body) {
        return postBytes(body.getBytes(StandardCharsets.UTF_8));
    }

    public static Response postBytes(byte[] body) {
        String timestamp = String.valueOf(Instant.now().toEpochMilli());
        return given().contentType("application/json")
                .header(
                        "openphone-signature",
                        WebhookSignatures.openPhoneHeader(WebhookSignatures.key(SECRET), timestamp, body))
                .body(body)
                .post(PATH);
    }

    public static String jsonString(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
