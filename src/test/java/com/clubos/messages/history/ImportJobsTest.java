package com.clubos.messages.history;

import static com.clubos.messages.support.Concurrently.eventually;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Imports as jobs: one per source, cancel, live traffic alongside, progress pushed to admins only. */
@QuarkusTest
@TestProfile(HistoryTestProfile.class)
class ImportJobsTest {

    static final int CONVERSATIONS = 300;
    static final int PER_CONVERSATION = 20;
    static final int TOTAL = CONVERSATIONS * PER_CONVERSATION;

    @Inject
    TestData data;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    LegacyClubos legacy;

    @BeforeEach
    void reset() throws Exception {
        data.reset();
        OpenPhoneWireMock.server().resetAll();
        legacy = LegacyClubos.create(HistoryTestProfile.LEGACY);
        legacy.generate(CONVERSATIONS, PER_CONVERSATION);
    }

    @AfterEach
    void close() throws Exception {
        data.execute("UPDATE history_imports SET state = 'cancelled' WHERE state = 'running'");
        legacy.close();
    }

    static String customer(int c) {
        return "+1902600" + String.format("%04d", c);
    }

    @Test
    void oneImportPerSourceRunsAtATimeAndACancelStopsItBeforeTheNextBatch() throws Exception {
        long first = Imports.start("{\"source\":\"clubos\"}");
        ImportApiTest.refused(
                "{\"source\":\"clubos\"}",
                409,
                "A clubos import is already running (id " + first + "); cancel it or wait");
        awaitImported(first, 200);

        JsonPath cancelled = new JsonPath(given().header("Authorization", TestTokens.bearer("admin"))
                .post(Imports.PATH + "/" + first + "/cancel")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertEquals("cancelled", cancelled.getString("data.state"));
        Thread.sleep(1_000);
        JsonPath after = Imports.get(first);
        long imported = after.getLong("data.messages.imported");
        assertEquals("cancelled", after.getString("data.state"));
        assertTrue(imported > 0 && imported < TOTAL, "cancelled midway: " + imported);
        assertEquals(
                imported,
                data.count("select count(*) from messages where import_id = " + first),
                "nothing was written after the cancel, and the counters match the rows");
        given().header("Authorization", TestTokens.bearer("admin"))
                .post(Imports.PATH + "/" + first + "/cancel")
                .then()
                .statusCode(409)
                .body("error", equalTo("Import " + first + " is not running (it is cancelled)"));

        JsonPath rest = Imports.run("{\"source\":\"clubos\"}");
        assertEquals(TOTAL - imported, rest.getLong("data.messages.imported"));
        assertEquals(imported, rest.getLong("data.messages.duplicates"));
        assertEquals(TOTAL, data.count("select count(*) from messages"));

        given().header("Authorization", TestTokens.bearer("admin"))
                .get("/api/audit?action=import.")
                .then()
                .body("data.action", org.hamcrest.Matchers.contains("import.start", "import.cancel", "import.start"))
                .body("data[0].actor", equalTo("Test admin"))
                .body("data[0].target", equalTo("clubos"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(Imports.PATH)
                .then()
                .body("data.id", org.hamcrest.Matchers.contains((int) rest.getLong("data.id"), (int) first));
    }

    @Test
    void webhooksAndSendsDuringAnImportAreNeitherBlockedNorLostAndUnreadCountsStayExact() throws Exception {
        OpenPhoneWireMock.server()
                .stubFor(post(urlPathEqualTo("/v1/messages"))
                        .willReturn(aResponse()
                                .withStatus(202)
                                .withHeader("Content-Type", "application/json")
                                .withBody(
                                        "{\"data\":{\"id\":\"AC{{randomValue length=24 type='ALPHANUMERIC'}}\",\"status\":\"sent\"}}")
                                .withTransformers("response-template")));
        legacy.execute("TRUNCATE openphone_conversations");
        legacy.generate(1_500, PER_CONVERSATION); // long enough for all the live traffic to happen meanwhile
        int total = 1_500 * PER_CONVERSATION;
        long id = Imports.start("{\"source\":\"clubos\"}");
        awaitImported(id, 100);

        List<Long> webhookMillis = new ArrayList<>();
        for (int c = 1; c <= 40; c++) {
            long start = System.nanoTime();
            OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                            OpenPhoneWebhooks.newEventId(),
                            OpenPhoneWebhooks.newMessageId(),
                            customer(c),
                            TestData.LINE,
                            "Live " + c,
                            Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                    .then()
                    .statusCode(200);
            webhookMillis.add((System.nanoTime() - start) / 1_000_000);
            if (c <= 5) {
                given().header("Authorization", TestTokens.bearer("operator"))
                        .contentType("application/json")
                        .body("{\"to\":\"" + customer(c) + "\",\"text\":\"Staff reply " + c + "\"}")
                        .post("/api/messages/send")
                        .then()
                        .statusCode(202);
            }
        }
        assertEquals(
                "running", Imports.get(id).getString("data.state"), "all the live traffic happened during the import");
        JsonPath done = Imports.finished(id, Duration.ofSeconds(90));

        assertTrue(webhookMillis.stream().allMatch(ms -> ms < 2_000), "webhooks answered in " + webhookMillis + " ms");
        assertEquals(total, done.getLong("data.messages.imported"));
        assertEquals(total + 40 + 5, data.count("select count(*) from messages"));
        assertEquals(
                data.count("select count(*) from messages"),
                data.count("select sum(message_count) from openphone_conversations"));
        for (int c = 1; c <= 40; c++) {
            assertEquals(
                    c % 5 + 1,
                    data.count("select unread_count from openphone_conversations where phone_number = '" + customer(c)
                            + "'"),
                    "carried " + (c % 5) + " + 1 live text for " + customer(c));
        }
        assertTrue(eventually(
                () -> OpenPhoneWireMock.server()
                                .findAll(postRequestedFor(urlPathEqualTo("/v1/messages")))
                                .size()
                        == 5,
                10_000));
        Thread.sleep(500);
        OpenPhoneWireMock.server().verify(5, postRequestedFor(urlPathEqualTo("/v1/messages")));
        // The live texts are newer than the history: they stay each conversation's last message.
        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations/" + customer(7))
                .then()
                .body("data.lastMessage.text", equalTo("Live 7"));
    }

    @Test
    void progressIsPushedToAdminsOnlyAndImportedMessagesAreNotPushedAsNew() throws Exception {
        try (SocketClient admin =
                        SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("admin"));
                SocketClient support =
                        SocketClient.withBearer(SocketClient.socketUri(socketUrl), TestTokens.clubos("support"))) {
            admin.await("hello");
            support.await("hello");
            long id = Imports.start("{\"source\":\"clubos\"}");

            JsonNode last = admin.await(
                    e -> "import.progress".equals(e.path("type").asText())
                            && "done".equals(e.path("data").path("state").asText()),
                    Duration.ofSeconds(90));
            List<JsonNode> seenBySupport = support.drain(Duration.ofSeconds(1));

            assertEquals(id, last.path("data").path("id").asLong());
            assertEquals(
                    TOTAL, last.path("data").path("messages").path("imported").asLong());
            assertEquals(
                    CONVERSATIONS,
                    last.path("data").path("conversations").path("done").asInt());
            assertTrue(
                    seenBySupport.stream()
                            .noneMatch(e -> e.path("type").asText().startsWith("import")),
                    seenBySupport.toString());
            assertTrue(
                    seenBySupport.stream()
                            .noneMatch(
                                    e -> "message.created".equals(e.path("type").asText())),
                    "imported history is not pushed as new: " + seenBySupport);
            given().header("Authorization", TestTokens.bearer("admin"))
                    .get(Imports.PATH + "/" + id)
                    .then()
                    .body("data.startedBy", startsWith("Test admin"));
        }
    }

    void awaitImported(long id, long messages) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Imports.get(id).getLong("data.messages.imported") < messages && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }
}
