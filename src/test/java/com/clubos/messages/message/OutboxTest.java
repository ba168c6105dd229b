package com.clubos.messages.message;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.moreThanOrExactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class OutboxTest {

    private static final String CUSTOMER = "+19025550111";
    private static final String SENDS = "/v1/messages";

    @Inject
    TestData data;

    @Inject
    OutboxSender sender;

    @Inject
    OutboxWorker worker;

    private WireMockServer openPhone;

    @BeforeEach
    void reset() {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
    }

    static String accepted(String id) {
        return """
                {"data":{"id":"%s","to":["+19025550111"],"from":"+19025550100","text":"x","phoneNumberId":"PN1",
                "direction":"outgoing","userId":"US1","status":"sent","createdAt":"2026-11-27T01:00:00Z",
                "updatedAt":"2026-11-27T01:00:00Z","someNewField":{"a":1}}}""".formatted(id);
    }

    private void acceptAll() {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"data\":{\"id\":\"AC{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"sent\","
                                        + "\"direction\":\"outgoing\",\"to\":[\"+19025550111\"],\"from\":\"+19025550100\"}}")
                        .withTransformers("response-template")));
    }

    static int send(String text) {
        return send(text, "operator");
    }

    static int send(String text, String role) {
        return given().header("Authorization", TestTokens.bearer(role))
                .contentType("application/json")
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"" + text + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
    }

    private String statusOf(int id) {
        return (String) data.single("select status from messages where id = " + id);
    }

    private boolean reaches(int id, String status) throws InterruptedException {
        return Concurrently.eventually(() -> status.equals(statusOf(id)), 15_000);
    }

    @Test
    void aSendReachesOpenPhoneInItsFormatAndBecomesSent() throws Exception {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(accepted("ACfirst0001"))));

        int id = send("Your bay is ready");

        assertTrue(reaches(id, "sent"));
        openPhone.verify(
                1,
                postRequestedFor(urlPathEqualTo(SENDS))
                        .withHeader("Authorization", equalTo(OpenPhoneWireMock.API_KEY))
                        .withRequestBody(equalToJson("{\"content\":\"Your bay is ready\",\"from\":\"+19025550100\","
                                + "\"to\":[\"+19025550111\"]}")));
        assertEquals("ACfirst0001", data.single("select openphone_id from messages where id = " + id));
        assertEquals(
                "queued,sending,sent",
                data.single("select string_agg(status, ',' order by id) from message_status where message_id = " + id));
    }

    @Test
    void a429WithRetryAfterIsHonouredAndTheTextGoesOutOnce() throws Exception {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Too many requests\",\"code\":\"0200429\",\"status\":429}"))
                .willSetStateTo("open"));
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("rate")
                .whenScenarioStateIs("open")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(accepted("ACafter429"))));

        int id = send("after a 429");

        assertTrue(reaches(id, "sent"));
        List<LoggedRequest> posts = openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS)));
        assertEquals(2, posts.size());
        long gap = posts.get(1).getLoggedDate().getTime()
                - posts.get(0).getLoggedDate().getTime();
        assertTrue(gap >= 950, "waited for Retry-After, gap was " + gap + " ms");
    }

    @Test
    void a429WithoutRetryAfterBacksOffAndRetries() throws Exception {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("rate")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429))
                .willSetStateTo("open"));
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("rate")
                .whenScenarioStateIs("open")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(accepted("ACbackoff1"))));

        int id = send("backoff");

        assertTrue(reaches(id, "sent"));
        openPhone.verify(2, postRequestedFor(urlPathEqualTo(SENDS)));
    }

    @Test
    void a500ThenAcceptedMakesExactlyOneSuccessfulSend() throws Exception {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(500)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Internal error\",\"code\":\"0201500\",\"status\":500}"))
                .willSetStateTo("healthy"));
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("flaky")
                .whenScenarioStateIs("healthy")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(accepted("ACafter500"))));

        int id = send("after a 500");

        assertTrue(reaches(id, "sent"));
        openPhone.verify(2, postRequestedFor(urlPathEqualTo(SENDS)));
        assertEquals("ACafter500", data.single("select openphone_id from messages where id = " + id));
        assertEquals(
                "queued,sending,queued,sending,sent",
                data.single("select string_agg(status, ',' order by id) from message_status where message_id = " + id));
    }

    @Test
    void aTimedOutSendIsLookedUpAtOpenPhoneInsteadOfSentTwice() throws Exception {
        // OpenPhone got the text but answered too late; its message list shows it.
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withFixedDelay(3_000)
                        .withHeader("Content-Type", "application/json")
                        .withBody(accepted("ACslow0001"))));
        openPhone.stubFor(
                get(urlPathEqualTo(SENDS))
                        .willReturn(
                                aResponse()
                                        .withStatus(200)
                                        .withHeader("Content-Type", "application/json")
                                        .withBody(
                                                "{\"data\":[{\"id\":\"ACslow0001\",\"to\":[\"+19025550111\"],\"from\":\"+19025550100\","
                                                        + "\"text\":\"slow answer\",\"direction\":\"outgoing\",\"status\":\"sent\","
                                                        + "\"createdAt\":\"2026-11-27T01:00:00Z\"}],\"totalItems\":1,\"nextPageToken\":null}")));

        int id = send("slow answer");

        assertTrue(reaches(id, "sent"));
        openPhone.verify(1, postRequestedFor(urlPathEqualTo(SENDS)));
        openPhone.verify(
                moreThanOrExactly(1),
                com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(urlPathEqualTo(SENDS))
                        .withQueryParam("participants[]", equalTo(CUSTOMER)));
        assertEquals("ACslow0001", data.single("select openphone_id from messages where id = " + id));
    }

    @Test
    void aPermanentErrorFailsAtOnceWithOpenPhonesReasonAndStaffCanRetry() throws Exception {
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("credits")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(402)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Not enough credits\",\"code\":\"0200402\",\"status\":402,"
                                + "\"docs\":\"https://openphone.com/docs\",\"title\":\"Payment Required\"}"))
                .willSetStateTo("topped-up"));
        openPhone.stubFor(post(urlPathEqualTo(SENDS))
                .inScenario("credits")
                .whenScenarioStateIs("topped-up")
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(accepted("ACretried01"))));

        int id = send("needs credits");

        assertTrue(reaches(id, "failed"));
        openPhone.verify(1, postRequestedFor(urlPathEqualTo(SENDS)));
        assertEquals("Not enough credits", data.single("select error_message from messages where id = " + id));
        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations")
                .then()
                .body("data[0].lastMessage.status", org.hamcrest.Matchers.equalTo("failed"))
                .body("data[0].lastMessage.error", org.hamcrest.Matchers.equalTo("Not enough credits"));

        given().header("Authorization", TestTokens.bearer("support"))
                .post("/api/messages/{id}/retry", id)
                .then()
                .statusCode(200)
                .body("data.status", org.hamcrest.Matchers.equalTo("queued"));
        assertTrue(reaches(id, "sent"));
        assertEquals(1, data.count("select count(*) from audit_log where action = 'message.retry'"));
        given().header("Authorization", TestTokens.bearer("support"))
                .post("/api/messages/{id}/retry", id)
                .then()
                .statusCode(409)
                .body(
                        "error",
                        org.hamcrest.Matchers.equalTo(
                                "Only a failed outbound message can be retried (this one is sent)"));
    }

    @Test
    void aBurstOfSendsKeepsUnderTenRequestsPerSecond() throws Exception {
        acceptAll();
        String[] roles = {"admin", "operator", "support"};
        for (int i = 0; i < 100; i++) {
            send("burst " + i, roles[i % 3]);
        }
        assertTrue(Concurrently.eventually(
                () -> openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS))).size() == 100, 30_000));
        List<Long> times = openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS))).stream()
                .map(r -> r.getLoggedDate().getTime())
                .sorted()
                .toList();
        for (int i = 10; i < times.size(); i++) {
            assertTrue(
                    times.get(i) - times.get(i - 10) >= 1000,
                    "11 requests within one second around request " + i + ": " + times.subList(i - 10, i + 1));
        }
        Set<String> contents = new HashSet<>();
        openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS))).forEach(r -> contents.add(r.getBodyAsString()));
        assertEquals(100, contents.size(), "every text sent exactly once");
    }

    @Test
    void twoWorkersRunningTogetherNeverSendATextTwice() throws Exception {
        acceptAll();
        // A second worker on the same database, as another replica would run.
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.concurrent.atomic.AtomicInteger claimedBySecond = new java.util.concurrent.atomic.AtomicInteger();
        Thread secondReplica = new Thread(() -> {
            while (running.get()) {
                List<Message> batch = sender.claim(3);
                claimedBySecond.addAndGet(batch.size());
                batch.forEach(sender::attempt);
            }
        });
        secondReplica.start();
        try {
            String[] roles = {"admin", "operator", "support"};
            for (int i = 0; i < 40; i++) {
                send("twice? " + i, roles[i % 3]);
            }
            assertTrue(Concurrently.eventually(
                    () -> data.count("select count(*) from messages where status = 'sent'") == 40, 20_000));
        } finally {
            running.set(false);
            secondReplica.join(10_000);
        }
        List<LoggedRequest> posts = openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS)));
        Set<String> contents = new HashSet<>();
        posts.forEach(r -> contents.add(r.getBodyAsString()));
        assertEquals(40, posts.size());
        assertEquals(40, contents.size());
        assertTrue(claimedBySecond.get() > 0, "the second worker took part");
    }

    @Test
    void queuedMessagesWaitOutAStoppedWorkerAndGoOutWhenItStartsAgain() throws Exception {
        acceptAll();
        worker.stop(null);
        try {
            int first = send("while stopped 1");
            int second = send("while stopped 2");
            Thread.sleep(1_000);
            assertEquals("queued", statusOf(first));
            openPhone.verify(0, postRequestedFor(urlPathEqualTo(SENDS)));
            worker.start(null);
            assertTrue(reaches(first, "sent"));
            assertTrue(reaches(second, "sent"));
        } finally {
            worker.start(null);
        }
        openPhone.verify(2, postRequestedFor(urlPathEqualTo(SENDS)));
    }

    @Test
    void aSendAbandonedMidCallByADeadReplicaIsReconciledNotResent() throws Exception {
        acceptAll();
        worker.stop(null);
        int id;
        try {
            id = send("abandoned");
            // A replica claimed it and died before recording OpenPhone's answer.
            assertEquals(1, sender.claim(10).size());
            data.single("update messages set sending_started_at = now() - interval '1 hour' where id = " + id
                    + " returning id");
            openPhone.stubFor(get(urlPathEqualTo(SENDS))
                    .willReturn(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "application/json")
                            .withBody(
                                    "{\"data\":[{\"id\":\"ACdied0001\",\"to\":[\"+19025550111\"],\"from\":\"+19025550100\","
                                            + "\"text\":\"abandoned\",\"direction\":\"outgoing\",\"status\":\"delivered\"}],"
                                            + "\"nextPageToken\":null}")));
        } finally {
            worker.start(null);
        }
        assertTrue(reaches(id, "delivered"));
        openPhone.verify(0, postRequestedFor(urlPathEqualTo(SENDS)));
        assertEquals("ACdied0001", data.single("select openphone_id from messages where id = " + id));
    }

    @Test
    void aSendThatAsksToMarkDoneTellsOpenPhoneSo() throws Exception {
        acceptAll();
        int id = given().header("Authorization", TestTokens.bearer("operator"))
                .contentType("application/json")
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"All set\",\"markDone\":true}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
        assertTrue(reaches(id, "sent"));
        openPhone.verify(
                1,
                postRequestedFor(urlPathEqualTo(SENDS))
                        .withRequestBody(
                                equalToJson(
                                        "{\"content\":\"All set\",\"from\":\"+19025550100\",\"to\":[\"+19025550111\"],\"setInboxStatus\":\"done\"}")));
    }

    @Test
    void aTextQueuedJustBeforeTheCustomerTextsStopIsNeverSent() throws Exception {
        acceptAll();
        worker.stop(null);
        int id;
        try {
            id = send("See you at 7");
            OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                            OpenPhoneWebhooks.newEventId(),
                            OpenPhoneWebhooks.newMessageId(),
                            CUSTOMER,
                            TestData.LINE,
                            "STOP",
                            java.time.Instant.now()))
                    .then()
                    .statusCode(200);
        } finally {
            worker.start(null);
        }
        Thread.sleep(1_500);
        assertEquals("failed", statusOf(id));
        // Only the opt-out's confirmation left, never the text queued before the STOP.
        openPhone.verify(0, postRequestedFor(urlPathEqualTo(SENDS)).withRequestBody(containing("See you at 7")));
        openPhone.verify(1, postRequestedFor(urlPathEqualTo(SENDS)).withRequestBody(containing("unsubscribed")));

        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        CUSTOMER,
                        TestData.LINE,
                        "START",
                        java.time.Instant.now()))
                .then()
                .statusCode(200);
        assertTrue(reaches(send("Welcome back"), "sent"));
        openPhone.verify(2, postRequestedFor(urlPathEqualTo(SENDS)));
    }
}
