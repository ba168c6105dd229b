package com.clubos.messages.history;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.CallPriority;
import com.clubos.messages.openphone.OpenPhoneGateway;
import com.clubos.messages.openphone.OpenPhoneRateLimiter;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Staff sends go first: with a backfill running and more bulk callers crowding the deployment-wide
 * limit (3 calls a second here), a reply typed meanwhile reaches OpenPhone within 2 seconds.
 */
@QuarkusTest
@TestProfile(PriorityTestProfile.class)
class StaffSendsFirstTest {

    static final int CROWD = 9;
    static final long BOUND_MILLIS = 2_000;

    @Inject
    TestData data;

    @Inject
    OpenPhoneGateway gateway;

    @Inject
    OpenPhoneRateLimiter limiter;

    WireMockServer openPhone;
    ExecutorService crowd;
    final AtomicBoolean crowding = new AtomicBoolean();

    @BeforeEach
    void reset() {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
        crowd = Executors.newFixedThreadPool(CROWD);
    }

    @AfterEach
    void stop() throws Exception {
        crowding.set(false);
        crowd.shutdownNow();
        crowd.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        data.execute("UPDATE history_imports SET state = 'cancelled' WHERE state = 'running'");
    }

    /** Callers taking slot after slot at {@code priority} until told to stop; counts their calls. */
    AtomicInteger crowdOf(CallPriority priority) {
        AtomicInteger calls = new AtomicInteger();
        crowding.set(true);
        for (int i = 0; i < CROWD; i++) {
            crowd.submit(() -> {
                while (crowding.get()) {
                    limiter.acquire(priority);
                    calls.incrementAndGet();
                }
                return null;
            });
        }
        return calls;
    }

    @Test
    void aStaffSendLeavesWithinTwoSecondsWhileABackfillAndOtherBulkWorkCrowdTheLimit() throws Exception {
        bigWorkspace(80);
        openPhone.stubFor(post(urlPathEqualTo("/v1/messages"))
                .willReturn(aResponse()
                        .withStatus(202)
                        .withHeader("Content-Type", "application/json")
                        .withBody(
                                "{\"data\":{\"id\":\"AC{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"sent\","
                                        + "\"direction\":\"outgoing\",\"to\":[\"+19025550111\"],\"from\":\"+19025550100\"}}")
                        .withTransformers("response-template")));
        long importId = Imports.start("{\"source\":\"openphone\"}");
        awaitCalls(5);
        AtomicInteger bulkCalls = new AtomicInteger();
        crowding.set(true);
        for (int i = 0; i < CROWD - 1; i++) {
            crowd.submit(() -> {
                while (crowding.get()) {
                    gateway.bulk(client -> client.phoneNumbers());
                    bulkCalls.incrementAndGet();
                }
                return null;
            });
        }
        Thread.sleep(1_500); // the crowd has booked what it can

        List<Long> delays = new ArrayList<>();
        int backfillBefore = backfillCalls();
        for (int i = 0; i < 4; i++) {
            String text = "Reply " + i + " typed during the backfill";
            long accepted = sendAndTime(text);
            LoggedRequest sent = awaitSent(text);
            delays.add(sent.getLoggedDate().getTime() - accepted);
            Thread.sleep(700);
        }

        org.jboss.logging.Logger.getLogger(StaffSendsFirstTest.class)
                .infof("send → OpenPhone during the backfill: %s ms", delays);
        assertTrue(delays.stream().allMatch(d -> d < BOUND_MILLIS), "send → OpenPhone delays " + delays + " ms");
        assertEquals("running", Imports.get(importId).getString("data.state"), "the backfill was still going");
        assertTrue(backfillCalls() > backfillBefore, "the backfill kept calling meanwhile");
        assertTrue(bulkCalls.get() > 0, "the other bulk callers kept calling meanwhile");
    }

    @Test
    void theSameCrowdWouldHoldACallBackForSecondsWithoutPriorities() throws Exception {
        crowdOf(CallPriority.INTERACTIVE); // what every call was before priorities: one queue
        Thread.sleep(1_000);
        long waitedEqual = timeAcquire(CallPriority.INTERACTIVE);
        crowding.set(false);
        Thread.sleep(3_000); // let that crowd drain its booked slots
        crowdOf(CallPriority.BULK);
        Thread.sleep(1_000);
        List<Long> waitedFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            waitedFirst.add(timeAcquire(CallPriority.INTERACTIVE));
            Thread.sleep(400);
        }

        long spacing = (long) (1000 / PriorityTestProfile.RATE);
        org.jboss.logging.Logger.getLogger(StaffSendsFirstTest.class)
                .infof("one queue: %d ms; staff first: %s ms", waitedEqual, waitedFirst);
        assertTrue(waitedEqual > BOUND_MILLIS, "in one queue the call waited " + waitedEqual + " ms");
        assertTrue(
                waitedFirst.stream().allMatch(w -> w <= 3 * spacing + 100),
                "going first it waited " + waitedFirst + " ms");
    }

    @Test
    void bulkCallersNeverPushTheDeploymentAboveTheLimit() throws Exception {
        AtomicInteger calls = crowdOf(CallPriority.BULK);
        Thread.sleep(1_000);
        int before = calls.get();
        long started = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            timeAcquire(CallPriority.INTERACTIVE);
        }
        Thread.sleep(3_000);
        double seconds = (System.nanoTime() - started) / 1e9;
        int made = calls.get() - before + 3;
        assertTrue(
                made <= Math.ceil(seconds * PriorityTestProfile.RATE) + 2,
                made + " calls in " + seconds + " s at " + PriorityTestProfile.RATE + "/s");
        assertTrue(made >= seconds * PriorityTestProfile.RATE * 0.7, "the limit is used, not wasted: " + made);
    }

    long timeAcquire(CallPriority priority) throws InterruptedException {
        long start = System.nanoTime();
        limiter.acquire(priority);
        return Duration.ofNanos(System.nanoTime() - start).toMillis();
    }

    void bigWorkspace(int conversations) {
        openPhone.stubFor(get(urlPathEqualTo("/v1/phone-numbers"))
                .willReturn(okJson("{\"data\":[{\"id\":\"PN1\",\"number\":\"+19025550100\"}]}")));
        List<String> items = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            items.add(OpenPhoneBackfillTest.conversation(
                    "CN" + i, "PN1", "Customer " + i, "+1902700" + String.format("%04d", i)));
        }
        openPhone.stubFor(get(urlPathEqualTo("/v1/conversations"))
                .willReturn(okJson(OpenPhoneBackfillTest.page(null, items.toArray(String[]::new)))));
        openPhone.stubFor(get(urlPathEqualTo("/v1/messages"))
                .withQueryParam("phoneNumberId", equalTo("PN1"))
                .willReturn(okJson(OpenPhoneBackfillTest.page(
                                null,
                                OpenPhoneBackfillTest.message(
                                        "AC{{randomValue length=20 type='ALPHANUMERIC'}}",
                                        "incoming",
                                        "+19027000000",
                                        "+19025550100",
                                        "Old text",
                                        "received",
                                        "2025-03-01T18:00:00Z")))
                        .withTransformers("response-template")));
    }

    int backfillCalls() {
        return openPhone
                .findAll(getRequestedFor(urlPathEqualTo("/v1/messages")))
                .size();
    }

    void awaitCalls(int calls) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (backfillCalls() < calls && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(backfillCalls() >= calls, "the backfill is reading messages");
    }

    static long sendAndTime(String text) {
        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType("application/json")
                .body("{\"to\":\"+19025550111\",\"text\":\"" + text + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        return System.currentTimeMillis();
    }

    LoggedRequest awaitSent(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            List<LoggedRequest> sent = openPhone.findAll(
                    postRequestedFor(urlPathEqualTo("/v1/messages")).withRequestBody(containing(text)));
            if (!sent.isEmpty()) {
                return sent.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("'" + text + "' never reached OpenPhone");
    }
}
