package com.clubos.messages.compliance;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.OutboxTestProfile;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.realtime.ChangeListener;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the service does by itself about a customer's text, through the real webhook and outbox to
 * (WireMock) OpenPhone: one confirmation per opt-out, one HELP answer, a possible opt-out flagged for
 * staff to confirm or dismiss; duplicated webhooks send nothing more.
 */
@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class InboundComplianceTest {

    private static final String CUSTOMER = "+19025550111";
    private static final String SENDS = "/v1/messages";
    private static final String CONFIRMATION =
            "Fairway Golf Sim: you're unsubscribed and will get no more texts from this number. Reply START to resubscribe.";

    @Inject
    TestData data;

    @Inject
    ChangeListener listener;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    private WireMockServer openPhone;

    @BeforeEach
    void reset() {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
        OpenPhoneWireMock.acceptEverySend(openPhone);
    }

    private static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    private static String webhook(String text) {
        return OpenPhoneWebhooks.received(
                OpenPhoneWebhooks.newEventId(),
                OpenPhoneWebhooks.newMessageId(),
                CUSTOMER,
                TestData.LINE,
                text,
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private static void deliver(String body) {
        OpenPhoneWebhooks.post(body).then().statusCode(200);
    }

    private List<LoggedRequest> sends() {
        return openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS)));
    }

    /** Waits until every automatic text has left, then a little longer: any second copy would show. */
    private void autoTextsSettled(long expected) throws InterruptedException {
        assertTrue(Concurrently.eventually(
                () -> Long.valueOf(expected)
                        .equals(data.single("select count(*) from messages where origin = 'auto' and status = 'sent'")),
                30_000));
        Thread.sleep(1_000);
    }

    @Test
    void aStopIsConfirmedOnceEvenIfItArrivesTwiceOrIsRepeated() throws Exception {
        String stop = webhook("Stop.");
        deliver(stop);
        deliver(stop); // OpenPhone's retry of the same event
        deliver(webhook(" STOP!! ")); // the customer says it again

        autoTextsSettled(1);
        List<LoggedRequest> sent = sends();
        assertEquals(1, sent.size());
        openPhone.verify(
                1,
                postRequestedFor(urlPathEqualTo(SENDS))
                        .withRequestBody(matchingJsonPath("$.content", equalTo(CONFIRMATION)))
                        .withRequestBody(matchingJsonPath("$.to[0]", equalTo(CUSTOMER))));
        assertEquals(true, data.single("select opted_out from openphone_conversations"));
        assertEquals("Automatic reply", data.single("select sent_by from messages where origin = 'auto'"));

        // Opted in and out again: a new opt-out, a new confirmation.
        deliver(webhook("START"));
        deliver(webhook("opt-out"));
        autoTextsSettled(2);
        assertEquals(2, sends().size());
    }

    @Test
    void helpIsAnsweredWithTheClubAndHowToOptOutOnce() throws Exception {
        String help = webhook("HELP");
        deliver(help);
        deliver(help);

        autoTextsSettled(1);
        assertEquals(1, sends().size());
        String content = sends().get(0).getBodyAsString();
        assertTrue(content.contains("Fairway Golf Sim"), content);
        assertTrue(content.contains("Reply STOP to opt out"), content);
        assertEquals(false, data.single("select opted_out from openphone_conversations"));
    }

    @Test
    void otherWordsAreFlaggedForStaffNeverAppliedAndConfirmedWithOneClick() throws Exception {
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
        try (SocketClient browser =
                SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("support"))) {
            browser.await("hello");
            deliver(webhook("please stop texting me"));
            JsonNode flagged = browser.await(
                    e -> "conversation.updated".equals(e.path("type").asText())
                            && !e.path("data").path("possible_opt_out").isNull(),
                    Duration.ofSeconds(10));
            assertEquals(
                    "please stop texting me",
                    flagged.path("data").path("possible_opt_out").path("text").asText());
        }
        Thread.sleep(800);
        assertEquals(0, sends().size(), "nothing is sent for a mere possibility");
        assertEquals(false, data.single("select opted_out from openphone_conversations"));
        int messageId = as("support")
                .get("/api/messages/conversations/{p}", CUSTOMER)
                .then()
                .statusCode(200)
                .body("data.possible_opt_out.text", org.hamcrest.Matchers.equalTo("please stop texting me"))
                .extract()
                .path("data.possible_opt_out.messageId");

        as("support")
                .body(Map.of("messageId", messageId + 1))
                .post("/api/messages/conversations/{p}/possible-opt-out/confirm", CUSTOMER)
                .then()
                .statusCode(409);
        as("support")
                .body(Map.of("messageId", messageId))
                .post("/api/messages/conversations/{p}/possible-opt-out/confirm", CUSTOMER)
                .then()
                .statusCode(200)
                .body("data.opted_out", org.hamcrest.Matchers.equalTo(true))
                .body("data.possible_opt_out", nullValue());

        autoTextsSettled(1);
        openPhone.verify(
                1,
                postRequestedFor(urlPathEqualTo(SENDS))
                        .withRequestBody(matchingJsonPath("$.content", equalTo(CONFIRMATION))));
        assertEquals(1L, data.single("select count(*) from audit_log where action = 'optout.confirmed'"));
        as("support")
                .post("/api/messages/conversations/{p}/possible-opt-out/confirm", CUSTOMER)
                .then()
                .statusCode(409)
                .body("error", containsString("no possible opt-out"));
    }

    @Test
    void dismissingIsForAdminsAndOperatorsAndAKeywordClearsTheFlag() {
        deliver(webhook("Don't text me anymore"));
        as("support")
                .post("/api/messages/conversations/{p}/possible-opt-out/dismiss", CUSTOMER)
                .then()
                .statusCode(403);
        as("operator")
                .post("/api/messages/conversations/{p}/possible-opt-out/dismiss", CUSTOMER)
                .then()
                .statusCode(200)
                .body("data.possible_opt_out", nullValue())
                .body("data.opted_out", org.hamcrest.Matchers.equalTo(false));
        assertEquals(1L, data.single("select count(*) from audit_log where action = 'optout.dismissed'"));

        deliver(webhook("remove me from your list"));
        assertEquals(
                "remove me from your list", data.single("select possible_opt_out_text from openphone_conversations"));
        deliver(webhook("STOP"));
        assertEquals(null, data.single("select possible_opt_out_text from openphone_conversations"));
        as("operator")
                .post("/api/messages/conversations/{p}/possible-opt-out/dismiss", CUSTOMER)
                .then()
                .statusCode(409);
    }
}
