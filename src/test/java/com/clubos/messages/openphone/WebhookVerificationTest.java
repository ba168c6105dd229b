package com.clubos.messages.openphone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookVerificationTest {

    @Inject
    TestData data;

    private byte[] body;

    @BeforeEach
    void setUp() {
        data.reset();
        body = OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        "+19025550111",
                        TestData.LINE,
                        "Hello",
                        Instant.now())
                .getBytes(StandardCharsets.UTF_8);
    }

    private static RequestSpecification webhook(byte[] body) {
        return given().contentType("application/json").body(body);
    }

    private static String openPhoneSignature(String secret, Instant at, byte[] signedBody) {
        return WebhookSignatures.openPhoneHeader(
                WebhookSignatures.key(secret), String.valueOf(at.toEpochMilli()), signedBody);
    }

    private void assertRefusedAndNothingStored(RequestSpecification request) {
        request.post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(401)
                .body("success", equalTo(false))
                .body("error", equalTo("Invalid webhook signature"));
        assertEquals(0, data.count("select count(*) from messages"));
        assertEquals(0, data.count("select count(*) from webhook_events"));
    }

    @Test
    void validOpenPhoneSignatureIsAccepted() {
        webhook(body)
                .header("openphone-signature", openPhoneSignature(OpenPhoneWebhooks.SECRET, Instant.now(), body))
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("data.outcome", equalTo("stored"));
        assertEquals(1, data.count("select count(*) from messages"));
    }

    @Test
    void thePlansSingleSecretIsAcceptedBesideTheRotationList() {
        webhook(body)
                .header("openphone-signature", openPhoneSignature(OpenPhoneWebhooks.PLAN_SECRET, Instant.now(), body))
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(200)
                .body("data.outcome", equalTo("stored"));
        assertEquals(1, data.count("select count(*) from messages"));
    }

    @Test
    void timestampInSecondsIsAcceptedToo() {
        String seconds = String.valueOf(Instant.now().getEpochSecond());
        webhook(body)
                .header(
                        "openphone-signature",
                        WebhookSignatures.openPhoneHeader(
                                WebhookSignatures.key(OpenPhoneWebhooks.SECRET), seconds, body))
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(200);
    }

    @Test
    void standardWebhooksSchemeWithTheRotatedSecretIsAccepted() {
        String timestamp = String.valueOf(Instant.now().getEpochSecond());
        webhook(body)
                .header("webhook-id", "msg_2abc")
                .header("webhook-timestamp", timestamp)
                .header(
                        "webhook-signature",
                        "v1,bm90LXRoaXMtb25l "
                                + WebhookSignatures.standardHeader(
                                        WebhookSignatures.key(OpenPhoneWebhooks.SECOND_SECRET),
                                        "msg_2abc",
                                        timestamp,
                                        body))
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(200);
    }

    @Test
    void oneValidSignatureAmongSeveralIsEnough() {
        String wrong = openPhoneSignature("d3Jvbmctc2VjcmV0", Instant.now(), body);
        String right = openPhoneSignature(OpenPhoneWebhooks.SECRET, Instant.now(), body);
        webhook(body)
                .header("openphone-signature", wrong + "," + right)
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(200);
    }

    @Test
    void alteredBodyIsRefused() {
        String signature = openPhoneSignature(OpenPhoneWebhooks.SECRET, Instant.now(), body);
        byte[] altered = new String(body, StandardCharsets.UTF_8)
                .replace("Hello", "Hellp")
                .getBytes(StandardCharsets.UTF_8);
        assertRefusedAndNothingStored(webhook(altered).header("openphone-signature", signature));
    }

    @Test
    void reSerialisedBodyIsRefused() {
        // Same JSON, other bytes: the signature covers the raw bytes, never a re-serialisation.
        String signature = openPhoneSignature(OpenPhoneWebhooks.SECRET, Instant.now(), body);
        byte[] reformatted =
                new String(body, StandardCharsets.UTF_8).replace("\n", "").getBytes(StandardCharsets.UTF_8);
        assertRefusedAndNothingStored(webhook(reformatted).header("openphone-signature", signature));
    }

    @Test
    void wrongSecretIsRefused() {
        assertRefusedAndNothingStored(webhook(body)
                .header("openphone-signature", openPhoneSignature("bm90LW91ci1zZWNyZXQ=", Instant.now(), body)));
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        assertRefusedAndNothingStored(webhook(body)
                .header(
                        "openphone-signature",
                        openPhoneSignature(
                                OpenPhoneWebhooks.SECRET, Instant.now().minus(Duration.ofMinutes(6)), body)));
        assertRefusedAndNothingStored(webhook(body)
                .header(
                        "openphone-signature",
                        openPhoneSignature(
                                OpenPhoneWebhooks.SECRET, Instant.now().plus(Duration.ofMinutes(6)), body)));
        String old = String.valueOf(Instant.now().minus(Duration.ofHours(1)).getEpochSecond());
        assertRefusedAndNothingStored(webhook(body)
                .header("webhook-id", "msg_1")
                .header("webhook-timestamp", old)
                .header(
                        "webhook-signature",
                        WebhookSignatures.standardHeader(
                                WebhookSignatures.key(OpenPhoneWebhooks.SECOND_SECRET), "msg_1", old, body)));
    }

    @Test
    void missingOrMalformedSignatureIsRefused() {
        assertRefusedAndNothingStored(webhook(body));
        assertRefusedAndNothingStored(webhook(body).header("openphone-signature", "garbage"));
        assertRefusedAndNothingStored(webhook(body).header("openphone-signature", "hmac;1;notatime;abc"));
        assertRefusedAndNothingStored(webhook(body).header("openphone-signature", "hmac;2;1700000000000;abc"));
        assertRefusedAndNothingStored(webhook(body).header("webhook-signature", "v1,abc"));
    }

    @Test
    void refusalsAreCountedInMetrics() {
        assertRefusedAndNothingStored(webhook(body).header("openphone-signature", "garbage"));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("clubos_webhook_verification_failed_total{reason=\"malformed-signature\"}"));
    }
}
