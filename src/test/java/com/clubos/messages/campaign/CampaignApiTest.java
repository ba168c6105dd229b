package com.clubos.messages.campaign;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creating campaigns, their preview, CSV uploads, the state machine, roles and audit (outbox off). */
@QuarkusTest
class CampaignApiTest {

    static final String BASE = "/api/messages/campaigns";

    @Inject
    TestData data;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    TestClock clock;

    @BeforeEach
    void reset() {
        data.reset();
        clock = new TestClock(TestClock.middayHalifax());
        QuarkusMock.installMockForType(clock, CampaignClock.class);
    }

    static ValidatableResponse create(String role, String json) {
        return given().header("Authorization", TestTokens.bearer(role))
                .contentType("application/json")
                .body(json)
                .post(BASE)
                .then();
    }

    static int createDraft(String json) {
        return create("operator", json).statusCode(201).extract().path("data.id");
    }

    static ValidatableResponse act(int id, String action) {
        return given().header("Authorization", TestTokens.bearer("operator"))
                .post(BASE + "/" + id + "/" + action)
                .then();
    }

    static ValidatableResponse upload(int id, String csv) {
        return given().header("Authorization", TestTokens.bearer("admin"))
                .contentType("text/csv")
                .body(csv)
                .post(BASE + "/" + id + "/recipients")
                .then();
    }

    private void optOut(String customer) {
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        customer,
                        TestData.LINE,
                        "STOP",
                        Instant.now()))
                .then()
                .statusCode(200);
    }

    @Test
    void thePreviewCountsWhatANormalisedListHolds() {
        optOut("+19025550114");
        data.execute("""
                INSERT INTO campaigns (name, body, line_number, kind, state) VALUES ('Earlier', 'x', '+19025550100', 'marketing', 'completed')""");
        for (int i = 0; i < 3; i++) {
            data.execute("""
                    INSERT INTO messages (conversation_id, direction, from_number, to_number, body, status, origin, campaign_id,
                        created_at, updated_at)
                    SELECT %d, 'outbound', '+19025550100', '+19025550113', 'earlier offer', 'delivered', 'campaign',
                        (SELECT id FROM campaigns WHERE name = 'Earlier'), now() - interval '2 hours', now()""".formatted(data.conversation("+19025550113", "Cap Person")));
        }

        create("operator", """
                        {"name":"Spring league","text":"Leagues start Monday! Reply STOP to opt out","line":"+19025550100",
                         "kind":"marketing","recipients":["902-555-0111","+1 (902) 555-0111","12","(902) 555-0112",
                         "+19025550113","+19025550114"]}""")
                .statusCode(201)
                .body("success", equalTo(true))
                .body("data.state", equalTo("draft"))
                .body("data.kind", equalTo("marketing"))
                .body("data.preview.recipients", equalTo(4))
                .body("data.preview.sample", hasItems("+19025550111", "+19025550112", "+19025550113"))
                .body("data.preview.invalid", equalTo(1))
                .body("data.preview.duplicates", equalTo(1))
                .body("data.preview.optedOut", equalTo(1))
                .body("data.preview.overFrequencyCap", equalTo(1))
                .body("data.preview.inQuietHoursNow", equalTo(0))
                .body("data.preview.segments", equalTo(1))
                .body("data.preview.totalSegments", equalTo(4))
                .body(
                        "data.preview.problems",
                        hasItem(containsString("recipients[2]: '12' is not a valid phone number")))
                .body("data.counts.pending", equalTo(4));

        // 02:00 in Halifax: every recipient is inside quiet hours right now.
        clock.set(TestClock.middayHalifax().minusSeconds(10 * 3600));
        int id = createDraft("""
                {"name":"Night","text":"Hi","line":"+19025550100","kind":"marketing","recipients":["+19025550111"]}""");
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(BASE + "/" + id)
                .then()
                .statusCode(200)
                .body("data.preview.inQuietHoursNow", equalTo(1));
        // An informational text has no quiet hours and no cap.
        create("operator", """
                        {"name":"Booking","text":"Your bay is booked","kind":"informational","recipients":["+19025550113"]}""")
                .statusCode(201)
                .body("data.line", equalTo("+19025550100"))
                .body("data.preview.inQuietHoursNow", equalTo(0))
                .body("data.preview.overFrequencyCap", equalTo(0));
    }

    @Test
    void badRequestsNameEveryProblemAndSupportMayNotCreate() {
        create("operator", """
                        {"name":"","text":"Hi {nickname}","kind":"spam","line":"+15555550000","sendAt":"tomorrow"}""")
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", containsString("name: is required"))
                .body("error", containsString("unknown placeholder {nickname}"))
                .body("error", containsString("kind: must be \"marketing\" or \"informational\""))
                .body("error", containsString("line: must be one of our OpenPhone lines"))
                .body("error", containsString("sendAt: expected ISO 8601"));
        create(
                        "operator",
                        "{\"name\":\"x\",\"text\":\"y\",\"kind\":\"marketing\",\"filter\":{\"inboxStatus\":\"later\"}}")
                .statusCode(400)
                .body("error", containsString("filter.inboxStatus"));
        create("support", "{\"name\":\"x\",\"text\":\"y\",\"kind\":\"marketing\"}")
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer("support"))
                .get(BASE)
                .then()
                .statusCode(403);
        given().get(BASE).then().statusCode(401);
        assertEquals(0, data.count("select count(*) from campaigns"));
    }

    @Test
    void aFilterPicksConversationsOfTheLineByActivityStatusAndAssignee() {
        data.inbound("+19025550121", "old", Instant.parse("2025-01-01T12:00:00Z"));
        data.inbound("+19025550122", "new", Instant.now().minusSeconds(3600));
        data.inbound("+19025550123", "new too", Instant.now().minusSeconds(60));
        data.execute("UPDATE openphone_conversations SET inbox_status = 'done' WHERE phone_number = '+19025550123'");
        data.execute(
                "UPDATE openphone_conversations SET customer_name = 'Ada Lovelace' WHERE phone_number = '+19025550122'");
        data.inbound("+19025550199", "+19025550124", "other line", Instant.now());

        int id = createDraft("""
                {"name":"Regulars","text":"Hi {first_name}","kind":"informational",
                 "filter":{"lastActivitySince":"2026-01-01","inboxStatus":"open","assignee":""}}""");
        given().header("Authorization", TestTokens.bearer("operator"))
                .get(BASE + "/" + id + "/recipients")
                .then()
                .statusCode(200)
                .body("data.phoneNumber", equalTo(java.util.List.of("+19025550122")))
                .body("data[0].firstName", equalTo("Ada"))
                .body("data[0].lastName", equalTo("Lovelace"))
                .body("data[0].status", equalTo("pending"));
    }

    @Test
    void aCsvAddsItsGoodRowsAndNamesItsBadOnes() {
        int id = createDraft("""
                {"name":"Members","text":"Hi {first_name}","kind":"informational","recipients":["+19025550111"]}""");
        upload(
                        id,
                        "number,first_name,last_name\r\n"
                                + "902-555-0131,\"Mary, Jr.\",Smith\r\n"
                                + "not a number,Bob,\r\n"
                                + "+19025550131,Again,\r\n"
                                + "+19025550111,Dup,Licate\r\n"
                                + "\r\n"
                                + "9025550132,\"Quote \"\"Q\"\"\",\r\n")
                .statusCode(200)
                .body("data.preview.recipients", equalTo(3))
                .body("data.preview.invalid", equalTo(1))
                .body("data.preview.duplicates", equalTo(2))
                .body(
                        "data.preview.problems",
                        hasItem(containsString("CSV row 3: 'not a number' is not a valid phone number")))
                .body("data.preview.problems", hasItem(containsString("CSV row 4: +19025550131 is listed twice")));
        assertEquals(
                "Mary, Jr.",
                data.single("select first_name from campaign_recipients where phone_number = '+19025550131'"));
        assertEquals(
                "Quote \"Q\"",
                data.single("select first_name from campaign_recipients where phone_number = '+19025550132'"));

        upload(id, "phone_no,name\n+19025550133,X\n").statusCode(400).body("error", containsString("'number' column"));
        upload(id, "number\n" + "+19025550134\n".repeat(90_000)).statusCode(413);
        act(id, "start").statusCode(200);
        upload(id, "number\n+19025550135\n").statusCode(409).body("error", containsString("draft"));
        given().header("Authorization", TestTokens.bearer("support"))
                .contentType("text/csv")
                .body("number\n+19025550136\n")
                .post(BASE + "/" + id + "/recipients")
                .then()
                .statusCode(403);
    }

    @Test
    void theStateMachineRefusesWrongMovesWith409AndAuditsTheRightOnes() {
        int empty = createDraft("{\"name\":\"Empty\",\"text\":\"Hi\",\"kind\":\"informational\"}");
        act(empty, "start").statusCode(409).body("error", containsString("no recipients"));

        int id = createDraft("""
                {"name":"Flow","text":"Hi","kind":"informational","sendAt":"2099-01-01T10:00:00Z","recipients":["+19025550111"]}""".replace(
                        "2099-01-01T10:00:00Z", Instant.now().plusSeconds(3600).toString()));
        act(id, "pause").statusCode(409).body("error", containsString("Cannot pause a campaign that is draft"));
        act(id, "resume").statusCode(409);
        act(id, "start").statusCode(200).body("data.state", equalTo("running"));
        act(id, "start").statusCode(409);
        act(id, "pause").statusCode(200).body("data.state", equalTo("paused"));
        act(id, "pause").statusCode(409);
        act(id, "resume").statusCode(200).body("data.state", equalTo("running"));
        act(id, "cancel")
                .statusCode(200)
                .body("data.state", equalTo("cancelled"))
                .body("data.counts.cancelled", equalTo(1));
        act(id, "resume").statusCode(409);
        act(id, "cancel").statusCode(409);
        act(id, "explode").statusCode(404);
        act(9999, "start").statusCode(404);

        // It was scheduled an hour ahead and then cancelled: nothing was ever released.
        assertEquals(0, data.count("select count(*) from messages"));
        assertEquals(
                "campaign.cancel,campaign.create,campaign.pause,campaign.resume,campaign.start",
                data.single(
                        "select string_agg(distinct action, ',' order by action) from audit_log where action like 'campaign.%'"));
        given().header("Authorization", TestTokens.bearer("admin"))
                .get(BASE)
                .then()
                .statusCode(200)
                .body("data.name", hasItems("Flow", "Empty"))
                .body("data.find { it.name == 'Flow' }.state", equalTo("cancelled"));
    }

    @Test
    void progressIsPushedToAdminsAndOperatorsOfTheLineOnly() throws Exception {
        URI uri = SocketClient.socketUri(socketUrl);
        String dartmouthOnly =
                TestTokens.sign(TestTokens.claims("operator").claim("lines", java.util.List.of("+19025550199")));
        try (SocketClient operator = SocketClient.withBearer(uri, TestTokens.clubos("operator"));
                SocketClient support = SocketClient.withBearer(uri, TestTokens.clubos("support"));
                SocketClient otherLine = SocketClient.withBearer(uri, dartmouthOnly)) {
            for (SocketClient client : java.util.List.of(operator, support, otherLine)) {
                client.await("hello");
                // Not subscribed to the list or any conversation: campaign progress comes all the same.
                client.send("{\"type\":\"subscribe\",\"list\":false,\"conversations\":[]}");
            }
            int id = createDraft("{\"name\":\"Pushed\",\"text\":\"Hi\",\"kind\":\"informational\","
                    + "\"recipients\":[\"+19025550111\",\"+19025550112\"]}");
            act(id, "start").statusCode(200);

            JsonNode done = operator.await(
                    e -> "campaign.progress".equals(e.path("type").asText())
                            && "completed".equals(e.path("data").path("state").asText()),
                    Duration.ofSeconds(15));
            assertEquals(2, done.path("data").path("counts").path("queued").asInt());
            assertEquals("Pushed", done.path("data").path("name").asText());
            assertTrue(support.drain(Duration.ofSeconds(1)).stream()
                    .noneMatch(e -> e.path("type").asText().startsWith("campaign")));
            assertTrue(otherLine.drain(Duration.ofMillis(200)).stream()
                    .noneMatch(e -> e.path("type").asText().startsWith("campaign")));
        }
    }

    @Test
    void aLocationScopedOperatorSeesOnlyCampaignsOfTheirLines() {
        int id = createDraft(
                "{\"name\":\"Dartmouth only\",\"text\":\"Hi\",\"kind\":\"informational\",\"line\":\"+19025550199\"}");
        String halifaxOnly = "Bearer "
                + TestTokens.sign(TestTokens.claims("operator").claim("lines", java.util.List.of("+19025550100")));
        given().header("Authorization", halifaxOnly).get(BASE + "/" + id).then().statusCode(404);
        given().header("Authorization", halifaxOnly)
                .contentType("application/json")
                .body("{\"name\":\"x\",\"text\":\"y\",\"kind\":\"informational\",\"line\":\"+19025550199\"}")
                .post(BASE)
                .then()
                .statusCode(403);
    }
}
