package com.clubos.messages.schedule;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduled messages leaving at their time through the outbox to (WireMock) OpenPhone, once: the
 * release is one conditional claim in PostgreSQL, so many claimers at once (replicas) release each
 * message once.
 */
@QuarkusTest
@TestProfile(OutboxTestProfile.class)
class ScheduledReleaseTest {

    private static final String SENDS = "/v1/messages";

    @Inject
    TestData data;

    @Inject
    ScheduledRelease release;

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

    private int sentCopiesOf(String text) {
        return openPhone
                .findAll(postRequestedFor(urlPathEqualTo(SENDS))
                        .withRequestBody(matchingJsonPath(
                                "$.content", com.github.tomakehurst.wiremock.client.WireMock.equalTo(text))))
                .size();
    }

    /** Brings a scheduled message's time to {@code secondsFromNow} (the API refuses under a minute). */
    private void dueIn(long id, int secondsFromNow) {
        data.execute(
                "UPDATE messages SET send_at = now() + interval '" + secondsFromNow + " seconds' WHERE id = " + id);
    }

    @Test
    void aDueMessageLeavesByItselfOnceAndJoinsTheConversationThen() throws Exception {
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
        int id = ScheduledMessagesTest.schedule(
                "Your bay is ready at 7", Instant.now().plus(1, ChronoUnit.HOURS));
        try (SocketClient browser =
                SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("operator"))) {
            browser.await("hello");
            dueIn(id, 1);

            assertTrue(Concurrently.eventually(
                    () -> "sent".equals(data.single("select status from messages where id = " + id)), 30_000));
            JsonNode released = browser.await(
                    e -> "message.created".equals(e.path("type").asText())
                            && e.path("data").path("id").asInt() == id
                            && !"scheduled".equals(e.path("data").path("status").asText()),
                    Duration.ofSeconds(10));
            // Rendered from the row as it is when pushed: queued, or already on its way.
            assertTrue(Set.of("queued", "sending", "sent")
                    .contains(released.path("data").path("status").asText()));
            assertEquals(1, released.path("conversation").path("messageCount").asInt());
            browser.await(
                    e -> "message.status".equals(e.path("type").asText())
                            && "sent".equals(e.path("data").path("status").asText()),
                    Duration.ofSeconds(10));
        }
        Thread.sleep(1_500); // a second pass of every poller finds nothing more to send
        assertEquals(1, sentCopiesOf("Your bay is ready at 7"));
        assertEquals(
                "scheduled,queued,sending,sent",
                data.single("select string_agg(status, ',' order by id) from message_status where message_id = " + id));
        assertEquals(1, data.single("select message_count from openphone_conversations"));
        assertTrue((Boolean) data.single("select created_at >= send_at from messages where id = " + id));
    }

    @Test
    void manyClaimersAtOnceReleaseEachDueMessageOnce() throws Exception {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            ids.add(ScheduledMessagesTest.schedule(
                    "League night " + i, Instant.now().plus(1, ChronoUnit.HOURS)));
        }
        data.execute("UPDATE messages SET send_at = now() - interval '1 second'");

        List<Callable<List<Long>>> claimers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            claimers.add(release::releaseDue);
        }
        List<Long> claimed = new ArrayList<>();
        Concurrently.all(claimers).forEach(claimed::addAll);
        Set<Long> distinct = new HashSet<>(claimed);
        assertEquals(claimed.size(), distinct.size(), "no message released twice");

        assertTrue(Concurrently.eventually(
                () -> Long.valueOf(30).equals(data.single("select count(*) from messages where status = 'sent'")),
                30_000));
        assertEquals(30L, data.single("select count(*) from message_status where status = 'queued'"));
        for (int i = 0; i < 30; i++) {
            assertEquals(1, sentCopiesOf("League night " + i), "League night " + i);
        }
        assertEquals(
                30, openPhone.findAll(postRequestedFor(urlPathEqualTo(SENDS))).size());
    }

    @Test
    void aReplyBeforeTheTimeMeansNothingLeavesAndBrowsersSeeWhy() throws Exception {
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
        int id = ScheduledMessagesTest.schedule("Still coming?", Instant.now().plus(1, ChronoUnit.HOURS));
        try (SocketClient browser =
                SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("operator"))) {
            browser.await("hello");
            OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                            OpenPhoneWebhooks.newEventId(),
                            OpenPhoneWebhooks.newMessageId(),
                            ScheduledMessagesTest.CUSTOMER,
                            TestData.LINE,
                            "On my way",
                            Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                    .then()
                    .statusCode(200);
            JsonNode cancelled = browser.await(
                    e -> "message.status".equals(e.path("type").asText())
                            && e.path("data").path("id").asInt() == id,
                    Duration.ofSeconds(10));
            assertEquals("cancelled", cancelled.path("data").path("status").asText());
            assertEquals(
                    "customer replied first",
                    cancelled.path("data").path("error").asText());
        }
        data.execute("UPDATE messages SET send_at = now() - interval '1 second' WHERE id = " + id);
        assertEquals(List.of(), release.releaseDue());
        assertEquals(0, sentCopiesOf("Still coming?"));
    }
}
