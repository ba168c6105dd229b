package com.clubos.messages.message;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** STOP/START compliance: the club never texts a customer who opted out, not even a text already queued. */
@QuarkusTest
class OptOutTest {

    private static final String CUSTOMER = "+19025550111";

    @Inject
    TestData data;

    @Inject
    OutboxSender sender;

    @TestHTTPResource("/")
    URL base;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static RequestSpecification staff() {
        return given().header("Authorization", TestTokens.bearer("operator")).contentType(ContentType.JSON);
    }

    private static String inbound(String eventId, String text, Instant at) {
        return OpenPhoneWebhooks.received(
                eventId,
                OpenPhoneWebhooks.newMessageId(),
                CUSTOMER,
                TestData.LINE,
                text,
                at.truncatedTo(ChronoUnit.MILLIS));
    }

    private static void customerTexts(String text) {
        OpenPhoneWebhooks.post(inbound(OpenPhoneWebhooks.newEventId(), text, Instant.now()))
                .then()
                .statusCode(200);
    }

    private boolean optedOut() {
        return Boolean.TRUE.equals(
                data.single("select opted_out from openphone_conversations where phone_number = '" + CUSTOMER + "'"));
    }

    private static int queue(String text) {
        return staff().body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"" + text + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "STOP",
                "stop",
                "  Stop.  ",
                "STOPALL",
                "Stop all",
                "unsubscribe",
                "Cancel",
                "END",
                "quit",
                "ARRET",
                "Arrêt",
                "stop!"
            })
    void everyStopKeywordOptsTheNumberOut(String keyword) {
        customerTexts(keyword);
        assertTrue(optedOut(), keyword);
        staff().body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"Bay 3 is free\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(409)
                .body("success", equalTo(false))
                .body(
                        "error",
                        equalTo(CUSTOMER + " has opted out of texts (replied STOP); nothing can be sent until "
                                + "they text START"));
        staff().get("/api/messages/conversations/{p}", CUSTOMER)
                .then()
                .body("data.opted_out", equalTo(true))
                .body("data.opted_out_at", notNullValue())
                .body("data.messages[0].text", equalTo(keyword));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"please stop texting me at 7", "Stopped by yesterday", "Can I cancel my booking?", "Yes please"})
    void ordinaryTextsThatMentionAKeywordDoNotOptOut(String text) {
        customerTexts(text);
        assertTrue(!optedOut(), text);
        queue("Sure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"START", "unstop", "Yes"})
    void startUnstopOrYesOptsBackIn(String keyword) {
        customerTexts("STOP");
        customerTexts(keyword);
        assertTrue(!optedOut(), keyword);
        queue("Welcome back");
        assertEquals(1, data.count("select count(*) from audit_log where action = 'optout.start'"));
    }

    @Test
    void textsQueuedBeforeTheStopAreCancelledAndNeverClaimed() {
        int first = queue("Your bay is ready");
        int second = queue("Reminder: 7pm");
        customerTexts("STOP");

        for (int id : List.of(first, second)) {
            assertEquals("failed", data.single("select status from messages where id = " + id));
            assertEquals(OptOuts.CANCELLED, data.single("select error_message from messages where id = " + id));
            assertEquals(
                    "queued,failed",
                    data.single(
                            "select string_agg(status, ',' order by id) from message_status where message_id = " + id));
        }
        // The outbox claims nothing for this customer but the one confirmation of the opt-out.
        assertEquals(List.of(MessageOrigin.AUTO), onlyOrigins(sender.claim(10)));
        staff().post("/api/messages/{id}/retry", first)
                .then()
                .statusCode(409)
                .body("error", containsString("opted out"));
        assertEquals(
                1,
                data.count("select count(*) from audit_log where action = 'optout.stop' and target = '" + CUSTOMER
                        + "' and (details->>'cancelledSends')::int = 2 and details->>'messageId' = "
                        + "(select id::text from messages where body = 'STOP')"));
    }

    @Test
    void aDuplicatedStopIsAppliedAndAuditedOnce() {
        String stop = inbound(OpenPhoneWebhooks.newEventId(), "STOP", Instant.now());
        OpenPhoneWebhooks.post(stop).then().statusCode(200);
        OpenPhoneWebhooks.post(stop).then().statusCode(200);
        assertEquals(1, data.count("select count(*) from audit_log where action like 'optout.%'"));
    }

    @Test
    void aLateStartOlderThanTheStopDoesNotUndoIt() {
        Instant now = Instant.now();
        OpenPhoneWebhooks.post(inbound(OpenPhoneWebhooks.newEventId(), "STOP", now))
                .then()
                .statusCode(200);
        // OpenPhone retried an older START only now.
        OpenPhoneWebhooks.post(inbound(OpenPhoneWebhooks.newEventId(), "START", now.minusSeconds(60)))
                .then()
                .statusCode(200);
        assertTrue(optedOut());
        assertEquals(0, data.count("select count(*) from audit_log where action = 'optout.start'"));
        // A newer START does count, and then the late STOP from before it is ignored too.
        OpenPhoneWebhooks.post(inbound(OpenPhoneWebhooks.newEventId(), "START", now.plusSeconds(60)))
                .then()
                .statusCode(200);
        OpenPhoneWebhooks.post(inbound(OpenPhoneWebhooks.newEventId(), "STOP", now.plusSeconds(30)))
                .then()
                .statusCode(200);
        assertTrue(!optedOut());
    }

    @Test
    void aSendRacingAStopIsEitherRefusedOrCancelledNeverLeftToGoOut() throws Exception {
        queue("warm up the conversation");
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String token = TestTokens.bearer("operator");
        byte[] stop =
                inbound(OpenPhoneWebhooks.newEventId(), "STOP", Instant.now()).getBytes(StandardCharsets.UTF_8);
        String signature = com.clubos.messages.openphone.WebhookSignatures.openPhoneHeader(
                com.clubos.messages.openphone.WebhookSignatures.key(OpenPhoneWebhooks.SECRET),
                String.valueOf(Instant.now().toEpochMilli()),
                stop);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> sends = new ArrayList<>();
        try {
            for (int i = 0; i < 30; i++) {
                String body = "{\"to\":\"" + CUSTOMER + "\",\"text\":\"race " + i + "\"}";
                sends.add(pool.submit(call(
                        go,
                        () -> client.send(
                                        HttpRequest.newBuilder(URI.create(base + "api/messages/send"))
                                                .header("Authorization", token)
                                                .header("Content-Type", "application/json")
                                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                                .build(),
                                        HttpResponse.BodyHandlers.discarding())
                                .statusCode())));
                if (i == 10) {
                    sends.add(pool.submit(call(
                            go,
                            () -> client.send(
                                                            HttpRequest.newBuilder(URI.create(
                                                                            base + OpenPhoneWebhooks.PATH.substring(1)))
                                                                    .header("Content-Type", "application/json")
                                                                    .header("openphone-signature", signature)
                                                                    .POST(HttpRequest.BodyPublishers.ofByteArray(stop))
                                                                    .build(),
                                                            HttpResponse.BodyHandlers.discarding())
                                                    .statusCode()
                                            == 200
                                    ? -200
                                    : -1)));
                }
            }
            go.countDown();
            int accepted = 0;
            int refused = 0;
            for (Future<Integer> result : sends) {
                int status = result.get();
                if (status == 202) {
                    accepted++;
                } else if (status == 409) {
                    refused++;
                } else {
                    assertEquals(-200, status, "every request is a 202, a 409, or the STOP's 200");
                }
            }
            assertEquals(30, accepted + refused);
            // Only the one confirmation text (origin auto) waits to go out.
            assertEquals(
                    0,
                    data.count("select count(*) from messages where direction = 'outbound' and status = 'queued' "
                            + "and origin is distinct from 'auto'"));
            assertEquals(
                    accepted,
                    data.count("select count(*) from messages where body like 'race %' "
                            + "and status = 'failed' and error_message = '" + OptOuts.CANCELLED + "'"));
            assertEquals(accepted, data.count("select count(*) from messages where body like 'race %'"));
            assertEquals(List.of(MessageOrigin.AUTO), onlyOrigins(sender.claim(50)));
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<MessageOrigin> onlyOrigins(List<Message> claimed) {
        return claimed.stream().map(m -> m.origin).toList();
    }

    private static Callable<Integer> call(CountDownLatch go, Callable<Integer> request) {
        return () -> {
            go.await();
            return request.call();
        };
    }
}
