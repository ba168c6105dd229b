package com.clubos.messages.openphone;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class WebhookIngestionTest {

    private static final String CUSTOMER = "+19025550111";
    private static final String LINE = TestData.LINE;

    @Inject
    TestData data;

    @TestHTTPResource(OpenPhoneWebhooks.PATH)
    URL webhookUrl;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static RequestSpecification staff() {
        return given().header("Authorization", TestTokens.bearer("support"));
    }

    private static String received(String text) {
        return OpenPhoneWebhooks.received(
                OpenPhoneWebhooks.newEventId(),
                OpenPhoneWebhooks.newMessageId(),
                CUSTOMER,
                LINE,
                text,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    @Test
    void aCustomersTextAppearsInItsConversationAsUnread() {
        OpenPhoneWebhooks.post(received("Is bay 3 free tonight?"))
                .then()
                .statusCode(200)
                .body("data.outcome", equalTo("stored"));

        staff().get("/api/messages/conversations")
                .then()
                .body("data.phone_number", contains(CUSTOMER))
                .body("data[0].line_number", equalTo(LINE))
                .body("data[0].customer_name", equalTo("Unknown"))
                .body("data[0].unread_count", equalTo(1))
                .body("data[0].messageCount", equalTo(1))
                .body("data[0].lastMessage.text", equalTo("Is bay 3 free tonight?"))
                .body("data[0].lastMessage.direction", equalTo("inbound"))
                .body("data[0].lastMessage.status", equalTo("received"))
                .body("data[0].lastMessage.from", equalTo(CUSTOMER));
        assertEquals(1, data.count("select count(*) from webhook_events where type = 'message.received'"));
    }

    @Test
    void payloadVariantsAreAllUnderstood() {
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        // Text in "body", "to" a plain string, national-format numbers, unknown fields.
        OpenPhoneWebhooks.post("""
                {"id":"EVvariant1","object":"event","createdAt":"2026-11-20T10:00:00Z","type":"message.received",
                 "extra":{"nested":true},
                 "data":{"object":{"id":"ACvariant1","from":"(902) 555-0111","to":"+19025550100","direction":"incoming",
                 "body":"via body","createdAt":"2026-11-20T10:00:00Z","somethingNew":42}}}""").then().statusCode(200);
        // Wrapped once more in {"object": …}, with MMS media.
        OpenPhoneWebhooks.post("""
                {"object":{"id":"EVvariant2","object":"event","createdAt":"2026-11-20T10:01:00Z","type":"message.received",
                 "data":{"object":{"id":"ACvariant2","from":"+19025550111","to":["+19025550100"],"direction":"incoming",
                 "text":"photo","media":[{"url":"https://files.example/a.jpg","type":"image/jpeg"}],
                 "createdAt":"2026-11-20T10:01:00Z"}}}}""").then().statusCode(200);

        staff().get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .body("data.messages.text", contains("via body", "photo"))
                .body("data.messages[0].createdAt", equalTo(at.toString()))
                .body("data.messages[1].media[0].url", equalTo("https://files.example/a.jpg"))
                .body("data.messages[1].media[0].type", equalTo("image/jpeg"));
    }

    @Test
    void callsContactsAndUnknownTypesAreAcknowledgedAndIgnored() {
        for (String type : List.of("call.completed", "contact.updated", "something.new")) {
            OpenPhoneWebhooks.post("{\"id\":\"" + OpenPhoneWebhooks.newEventId() + "\",\"type\":\"" + type
                            + "\",\"data\":{\"object\":{\"id\":\"CA1\"}}}")
                    .then()
                    .statusCode(200)
                    .body("data.outcome", equalTo("ignored"));
        }
        assertEquals(0, data.count("select count(*) from messages"));
        assertEquals(3, data.count("select count(*) from webhook_events"));
    }

    @Test
    void theSameEventTwiceStoresOneMessageAndOneUnread() {
        String event = received("ok");
        OpenPhoneWebhooks.post(event).then().statusCode(200).body("data.outcome", equalTo("stored"));
        OpenPhoneWebhooks.post(event).then().statusCode(200).body("data.outcome", equalTo("duplicate"));
        assertEquals(1, data.count("select count(*) from messages"));
        assertEquals(1, data.count("select unread_count from openphone_conversations"));
    }

    @Test
    void theSameMessageUnderAnotherEventIdIsStoredOnce() {
        String messageId = OpenPhoneWebhooks.newMessageId();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received("EVfirst", messageId, CUSTOMER, LINE, "ok", at))
                .then()
                .statusCode(200);
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received("EVsecond", messageId, CUSTOMER, LINE, "ok", at))
                .then()
                .statusCode(200);
        assertEquals(1, data.count("select count(*) from messages"));
        assertEquals(1, data.count("select unread_count from openphone_conversations"));
    }

    @Test
    void twoIdenticalTextsWithDifferentIdsAreBothKept() {
        OpenPhoneWebhooks.post(received("ok")).then().statusCode(200);
        OpenPhoneWebhooks.post(received("ok")).then().statusCode(200);
        assertEquals(2, data.count("select count(*) from messages"));
        assertEquals(2, data.count("select unread_count from openphone_conversations"));
    }

    @Test
    void fiftyCopiesOfOneEventAtOnceStoreOneMessage() throws Exception {
        byte[] event = received("only once").getBytes(StandardCharsets.UTF_8);
        List<Integer> statuses = Concurrently.post(webhookUrl.toString(), Collections.nCopies(50, event), this::signed);
        assertTrue(statuses.stream().allMatch(s -> s == 200), "all acknowledged: " + statuses);
        assertEquals(1, data.count("select count(*) from messages"));
        assertEquals(1, data.count("select unread_count from openphone_conversations"));
        assertEquals(1, data.count("select message_count from openphone_conversations"));
    }

    @Test
    void twoHundredDifferentTextsAtOnceFromANewCustomerAreAllCounted() throws Exception {
        List<byte[]> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            events.add(received("text " + i).getBytes(StandardCharsets.UTF_8));
        }
        List<Integer> statuses = Concurrently.post(webhookUrl.toString(), events, this::signed);
        assertTrue(statuses.stream().allMatch(s -> s == 200), "all acknowledged: " + statuses);
        assertEquals(1, data.count("select count(*) from openphone_conversations"));
        assertEquals(200, data.count("select count(*) from messages"));
        assertEquals(200, data.count("select unread_count from openphone_conversations"));
        assertEquals(200, data.count("select message_count from openphone_conversations"));
        staff().get("/api/messages/unread-count").then().body("data.totalUnread", equalTo(200));
    }

    private String[] signed(byte[] body) {
        String timestamp = String.valueOf(Instant.now().toEpochMilli());
        return new String[] {
            "Content-Type",
            "application/json",
            "openphone-signature",
            WebhookSignatures.openPhoneHeader(WebhookSignatures.key(OpenPhoneWebhooks.SECRET), timestamp, body)
        };
    }

    @Test
    void emojiAndOtherFourByteCharactersAreKeptByteExact() {
        String text = "Tee time ⛳ at 7? 🏌️‍♀️👍🏽 𝄞 — naïve café ok";
        OpenPhoneWebhooks.post(received(text)).then().statusCode(200);
        assertEquals(text, data.single("select body from messages"));
        staff().get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .body("data.messages[0].text", equalTo(text));
    }

    @Test
    void aTextCutInTheMiddleOfAnEmojiIsStoredNotRefusedForEver() {
        // A lone escaped high surrogate is valid JSON that PostgreSQL's jsonb refuses.
        String cut = received("PLACEHOLDER").replace("\"PLACEHOLDER\"", "\"see you \\ud83d\"");
        String pair = received("PLACEHOLDER").replace("\"PLACEHOLDER\"", "\"ok \\ud83d\\udc4d\"");
        OpenPhoneWebhooks.post(cut).then().statusCode(200).body("data.outcome", equalTo("stored"));
        OpenPhoneWebhooks.post(pair).then().statusCode(200).body("data.outcome", equalTo("stored"));
        assertEquals(2L, data.count("select count(*) from webhook_events"));
        staff().get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .body("data.messages.text", contains(startsWith("see you "), equalTo("ok 👍")));
    }

    @Test
    void lateOlderMessageDoesNotReplaceTheNewerPreview() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(), OpenPhoneWebhooks.newMessageId(), CUSTOMER, LINE, "newer", now))
                .then()
                .statusCode(200);
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        CUSTOMER,
                        LINE,
                        "older, arrived late",
                        now.minusSeconds(30)))
                .then()
                .statusCode(200);
        staff().get("/api/messages/conversations")
                .then()
                .body("data[0].lastMessage.text", equalTo("newer"))
                .body("data[0].messageCount", equalTo(2))
                .body("data[0].messages.text", contains("older, arrived late", "newer"));
    }

    @Test
    void unusableSignedBodiesAre400AndStoreNothing() {
        assertBadRequest("not json at all", "Webhook body is not valid JSON");
        assertBadRequest("[1,2]", "Webhook body must be a JSON object");
        assertBadRequest("{\"type\":\"message.received\"}", "Webhook field id is missing");
        assertBadRequest(
                "{\"id\":\"EV1\",\"type\":\"message.received\",\"data\":{\"object\":{\"id\":\"AC1\",\"to\":\"+19025550100\",\"text\":\"x\"}}}",
                "Webhook field data.object.from is missing");
        assertBadRequest(
                "{\"id\":\"EV2\",\"type\":\"message.received\",\"data\":{\"object\":{\"id\":\"AC2\",\"from\":\"+19025550111\",\"text\":\"x\"}}}",
                "Webhook field data.object.to is missing");
        assertBadRequest(
                "{\"id\":\"EV3\",\"type\":\"message.received\",\"data\":{}}", "Webhook field data.object is missing");
        assertBadRequest("[".repeat(100) + "]".repeat(100), "Webhook body is not valid JSON");
        assertEquals(0, data.count("select count(*) from messages"));
        assertEquals(0, data.count("select count(*) from webhook_events"));
    }

    private static void assertBadRequest(String body, String error) {
        OpenPhoneWebhooks.post(body)
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", equalTo(error));
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = received("x".repeat(300_000));
        OpenPhoneWebhooks.post(big).then().statusCode(413).body("success", equalTo(false));
        assertEquals(0, data.count("select count(*) from messages"));
    }

    @Test
    void staffCanRenameTheCustomer() {
        OpenPhoneWebhooks.post(received("hi")).then().statusCode(200);
        staff().contentType("application/json")
                .body("{\"customer_name\":\"Jordan Lee\"}")
                .patch("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .statusCode(200)
                .body("data.customer_name", equalTo("Jordan Lee"));
        staff().queryParam("search", "jordan")
                .get("/api/messages/conversations")
                .then()
                .body("data.phone_number", contains(CUSTOMER));
        assertEquals(1, data.count("select count(*) from audit_log where action = 'conversation.rename'"));
        staff().contentType("application/json")
                .body("{\"customer_name\":\"  \"}")
                .patch("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .statusCode(400)
                .body("error", equalTo("customer_name: must not be blank"));
        staff().contentType("application/json")
                .body("{\"customer_name\":\"x\"}")
                .patch("/api/messages/conversations/{phone}", "+19025559999")
                .then()
                .statusCode(404);
    }
}
