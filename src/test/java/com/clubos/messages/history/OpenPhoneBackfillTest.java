package com.clubos.messages.history;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenPhone backfill against WireMock: paged conversations and messages, refusals, retries, merging. */
@QuarkusTest
@TestProfile(HistoryTestProfile.class)
class OpenPhoneBackfillTest {

    static final String ALEX = "+19025550131";
    static final String BLAIR = "+19025550132";
    static final String CASEY = "+19025550135";
    static final String SINCE = "2025-01-01T00:00:00Z";

    @Inject
    TestData data;

    WireMockServer openPhone;

    @BeforeEach
    void reset() {
        data.reset();
        openPhone = OpenPhoneWireMock.server();
        openPhone.resetAll();
    }

    @AfterEach
    void stopImports() {
        data.execute("UPDATE history_imports SET state = 'cancelled' WHERE state = 'running'");
    }

    static String message(String id, String direction, String from, String to, String text, String status, String at) {
        return """
                {"id":"%s","to":["%s"],"from":"%s","text":"%s","phoneNumberId":"PN1","direction":"%s","userId":"US1",
                 "status":"%s","createdAt":"%s","updatedAt":"%s"}""".formatted(id, to, from, text, direction, status, at, at);
    }

    static String conversation(String id, String line, String name, String... participants) {
        return """
                {"id":"%s","phoneNumberId":"%s","participants":[%s],"name":%s,"assignedTo":null,
                 "createdAt":"2024-06-01T00:00:00Z","updatedAt":"2025-06-01T00:00:00Z","deletedAt":null,
                 "lastActivityAt":"2025-06-01T00:00:00Z"}""".formatted(
                        id,
                        line,
                        String.join(
                                ",",
                                java.util.Arrays.stream(participants)
                                        .map(p -> "\"" + p + "\"")
                                        .toList()),
                        name == null ? "null" : "\"" + name + "\"");
    }

    static String page(String nextToken, String... items) {
        return "{\"data\":[" + String.join(",", items) + "],\"totalItems\":" + items.length + ",\"nextPageToken\":"
                + (nextToken == null ? "null" : "\"" + nextToken + "\"") + "}";
    }

    /** Two lines, five conversations over two pages (a group text, one on an unknown line, one deleted). */
    void workspace() {
        openPhone.stubFor(get(urlPathEqualTo("/v1/phone-numbers")).willReturn(okJson("""
                {"data":[{"id":"PN1","number":"+19025550100","name":"Front desk"},{"id":"PN2","number":"+19025550199","name":"Bar"}]}""")));
        openPhone.stubFor(get(urlPathEqualTo("/v1/conversations"))
                .withQueryParam("pageToken", absent())
                .willReturn(okJson(page(
                        "conversations-2",
                        conversation("CNalex", "PN1", "Alex Morgan", ALEX),
                        conversation("CNblair", "PN2", null, BLAIR),
                        conversation("CNgroup", "PN1", "Group", "+19025550133", "+19025550134")))));
        openPhone.stubFor(get(urlPathEqualTo("/v1/conversations"))
                .withQueryParam("pageToken", equalTo("conversations-2"))
                .willReturn(okJson(page(
                        null,
                        conversation("CNcasey", "PN1", "Casey", CASEY),
                        conversation("CNother", "PN9", "Other line", "+19025550136"),
                        conversation("CNgone", "PN1", "Gone", "+19025550137")
                                .replace("\"deletedAt\":null", "\"deletedAt\":\"2025-05-01T00:00:00Z\"")))));
        messages(
                ALEX,
                null,
                page(
                        "alex-2",
                        message(
                                "ACalex1",
                                "incoming",
                                ALEX,
                                "+19025550100",
                                "Is the bar open?",
                                "received",
                                "2025-03-01T18:00:00Z"),
                        message(
                                "ACalex2",
                                "outgoing",
                                "+19025550100",
                                ALEX,
                                "Until 11pm",
                                "delivered",
                                "2025-03-01T18:01:00Z"),
                        message(
                                "ACalex3",
                                "incoming",
                                ALEX,
                                "+19025550100",
                                "Great",
                                "received",
                                "2025-03-01T18:02:00Z")));
        messages(
                ALEX,
                "alex-2",
                page(
                        null,
                        message(
                                "ACalex4",
                                "incoming",
                                ALEX,
                                "+19025550100",
                                "See you",
                                "received",
                                "2025-03-01T18:03:00Z"),
                        message(
                                "ACalex2",
                                "outgoing",
                                "+19025550100",
                                ALEX,
                                "Until 11pm",
                                "delivered",
                                "2025-03-01T18:01:00Z")));
        messages(
                BLAIR,
                null,
                page(
                        null,
                        message(
                                "ACblair1",
                                "outgoing",
                                "+19025550199",
                                BLAIR,
                                "Your table is ready",
                                "delivered",
                                "2025-04-01T19:00:00Z"),
                        message("ACblair2", "incoming", BLAIR, "+19025550199", "no time", "received", "X")
                                .replace("\"createdAt\":\"X\",\"updatedAt\":\"X\"", "\"updatedAt\":null")));
        openPhone.stubFor(messagesOf(CASEY)
                .willReturn(aResponse()
                        .withStatus(400)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Invalid participants\",\"code\":\"0100400\",\"status\":400}")));
    }

    void messages(String participant, String pageToken, String body) {
        openPhone.stubFor(messagesOf(participant)
                .withQueryParam("pageToken", pageToken == null ? absent() : equalTo(pageToken))
                .willReturn(okJson(body)));
    }

    static MappingBuilder messagesOf(String participant) {
        return get(urlPathEqualTo("/v1/messages")).withQueryParam("participants[]", equalTo(participant));
    }

    @Test
    void pagedConversationsAndMessagesAreImportedOnceWithProblemsNamed() throws Exception {
        workspace();
        data.message(
                BLAIR,
                MessageDirection.OUTBOUND,
                "Your table is ready",
                Instant.parse("2025-04-01T19:00:00Z"),
                false,
                MessageStatus.DELIVERED,
                "ACblair1"); // already here from a webhook (on our default line)

        JsonPath done = Imports.run("{\"source\":\"openphone\",\"since\":\"" + SINCE + "\"}");

        assertEquals("done", done.getString("data.state"), done.prettify());
        assertEquals(5, done.getInt("data.conversations.total"));
        assertEquals(5, done.getInt("data.conversations.done"));
        assertEquals(4, done.getLong("data.messages.imported"));
        assertEquals(2, done.getLong("data.messages.duplicates"));
        assertEquals(1, done.getLong("data.messages.skipped"));
        List<String> refs = done.getList("data.errors.ref");
        assertTrue(
                refs.containsAll(List.of(
                        "conversation CNgroup",
                        "conversation CNother",
                        "GET /v1/messages CNcasey",
                        "GET /v1/messages CNblair ACblair2")),
                refs.toString());
        assertEquals(4, done.getInt("data.errorCount"));

        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations/" + ALEX)
                .then()
                .statusCode(200)
                .body("data.customer_name", org.hamcrest.Matchers.equalTo("Alex Morgan"))
                .body("data.line_number", org.hamcrest.Matchers.equalTo("+19025550100"))
                .body("data.unread_count", org.hamcrest.Matchers.equalTo(0))
                .body(
                        "data.messages.text",
                        org.hamcrest.Matchers.contains("Is the bar open?", "Until 11pm", "Great", "See you"));
        assertEquals(1, data.count("select count(*) from messages where openphone_id = 'ACblair1'"));
        assertEquals(0, data.count("select count(*) from openphone_conversations where phone_number = '+19025550137'"));
        assertEquals(0, data.count("select coalesce(sum(unread_count), 0) from openphone_conversations"));
        // Each page once, with OpenPhone's required parameters, the window, and nothing ever sent.
        openPhone.verify(
                1,
                getRequestedFor(urlPathEqualTo("/v1/conversations"))
                        .withQueryParam("pageToken", absent())
                        .withQueryParam("maxResults", equalTo("100"))
                        .withQueryParam("updatedAfter", equalTo(SINCE)));
        openPhone.verify(
                1,
                getRequestedFor(urlPathEqualTo("/v1/messages"))
                        .withQueryParam("participants[]", equalTo(ALEX))
                        .withQueryParam("phoneNumberId", equalTo("PN1"))
                        .withQueryParam("pageToken", equalTo("alex-2"))
                        .withQueryParam("createdAfter", equalTo(SINCE))
                        .withQueryParam("maxResults", equalTo("100")));
        openPhone.verify(
                0,
                getRequestedFor(urlPathEqualTo("/v1/messages"))
                        .withQueryParam("participants[]", equalTo("+19025550133")));
        openPhone.verify(0, postRequestedFor(urlPathEqualTo("/v1/messages")));

        JsonPath again = Imports.run("{\"source\":\"openphone\",\"since\":\"" + SINCE + "\"}");
        assertEquals(0, again.getLong("data.messages.imported"));
        assertEquals(6, again.getLong("data.messages.duplicates"));
    }

    @Test
    void aMessageImportedFromClubosAndBackfilledFromOpenPhoneIsOneRow() throws Exception {
        workspace();
        try (LegacyClubos legacy = LegacyClubos.create(HistoryTestProfile.LEGACY)) {
            legacy.row(ALEX, "Alex", null, """
                    [{"id":"ACalex1","direction":"inbound","from":"+19025550131","text":"Is the bar open?","createdAt":"2025-03-01T18:00:00.000Z"},
                     {"direction":"inbound","from":"+19025550131","text":"Only in ClubOS","createdAt":"2025-02-01T18:00:00.000Z"}]""", 0, null, Instant.parse("2025-02-01T00:00:00Z"));
            assertEquals(2, Imports.run("{\"source\":\"clubos\"}").getLong("data.messages.imported"));
        }

        JsonPath backfill = Imports.run("{\"source\":\"openphone\"}");

        assertEquals(3 + 1, backfill.getLong("data.messages.imported"), backfill.prettify()); // Alex's 3 new, Blair's 1
        assertEquals(2, backfill.getLong("data.messages.duplicates")); // ACalex1 from ClubOS, ACalex2 paged twice
        assertEquals(1, data.count("select count(*) from messages where openphone_id = 'ACalex1'"));
        assertEquals(
                5, data.count("select message_count from openphone_conversations where phone_number = '" + ALEX + "'"));
        // The name ClubOS gave stays (only an "Unknown" is filled in).
        assertEquals(
                "Alex",
                data.single("select customer_name from openphone_conversations where phone_number = '" + ALEX + "'"));
    }

    @Test
    void aRateLimitedCallIsRetriedAfterItsRetryAfter() throws Exception {
        workspace();
        openPhone.stubFor(get(urlPathEqualTo("/v1/phone-numbers"))
                .inScenario("429")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Too many requests\",\"status\":429}"))
                .willSetStateTo("calm"));
        openPhone.stubFor(
                get(urlPathEqualTo("/v1/phone-numbers"))
                        .inScenario("429")
                        .whenScenarioStateIs("calm")
                        .willReturn(
                                okJson(
                                        "{\"data\":[{\"id\":\"PN1\",\"number\":\"+19025550100\"},{\"id\":\"PN2\",\"number\":\"+19025550199\"}]}")));
        long started = System.nanoTime();

        JsonPath done = Imports.run("{\"source\":\"openphone\"}");

        assertEquals("done", done.getString("data.state"));
        assertEquals(5, done.getLong("data.messages.imported"));
        openPhone.verify(2, getRequestedFor(urlPathEqualTo("/v1/phone-numbers")));
        assertTrue(System.nanoTime() - started > 1_000_000_000L, "the Retry-After second was honoured");
    }

    @Test
    void aRefusedKeyFailsTheImportWithAClearReason() throws Exception {
        openPhone.stubFor(get(urlPathEqualTo("/v1/phone-numbers"))
                .willReturn(aResponse()
                        .withStatus(401)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Unauthorized\",\"code\":\"0200401\",\"status\":401}")));

        JsonPath failed = Imports.run("{\"source\":\"openphone\"}");

        assertEquals("failed", failed.getString("data.state"));
        assertTrue(failed.getString("data.failure").contains("OPENPHONE_API_KEY"), failed.getString("data.failure"));
    }
}
