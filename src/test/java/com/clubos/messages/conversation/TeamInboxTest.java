package com.clubos.messages.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.realtime.ChangeListener;
import com.clubos.messages.support.Concurrently;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.SocketClient;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Assignment, open/done and internal notes, through the API and the WebSocket. */
@QuarkusTest
class TeamInboxTest {

    private static final String JORDAN = "+19025550123";
    private static final String PRIYA = "+19025550188";
    private static final String SAM = "+17825550142";
    private static final String OLIVIA = TestTokens.bearerFor("u-olivia", "Olivia Operator", "operator");
    private static final String SUE = TestTokens.bearerFor("u-sue", "Sue Support", "support");

    @Inject
    TestData data;

    @Inject
    ChangeListener listener;

    @TestHTTPResource("/ws/messages")
    URL socketUrl;

    @BeforeEach
    void reset() {
        data.reset();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        data.inbound(SAM, "Sunday hours?", now.minusSeconds(300));
        data.inbound(PRIYA, "Left-handed clubs?", now.minusSeconds(200));
        data.inbound(JORDAN, "Bay 3 at 7?", now.minusSeconds(100));
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    /** Makes a ClubOS user known to the service the way it learns of them: by a call of theirs. */
    private static void seen(String bearer) {
        as(bearer).get("/api/messages/unread-count").then().statusCode(200);
    }

    @Test
    void staffWhoHaveCalledTheServiceAreListedForAssignment() {
        data.staff("frontdesk", "desk-password-1", "operator");
        seen(OLIVIA);
        seen(SUE);
        as(SUE).get("/api/messages/staff")
                .then()
                .statusCode(200)
                .body("data.id", contains("u-olivia", "staff-1", "u-sue"))
                .body("data.name", contains("Olivia Operator", "Staff frontdesk", "Sue Support"))
                .body("data.role", contains("operator", "operator", "support"));
    }

    @Test
    void assigningShowsTheAssigneeFiltersTheListAndIsAudited() {
        seen(SUE);
        as(OLIVIA)
                .body("{\"assigneeId\":\"me\"}")
                .put("/api/messages/conversations/{p}/assignee", JORDAN)
                .then()
                .statusCode(200)
                .body("data.assignee_id", equalTo("u-olivia"))
                .body("data.assignee_name", equalTo("Olivia Operator"));
        as(OLIVIA)
                .body("{\"assigneeId\":\"u-sue\"}")
                .put("/api/messages/conversations/{p}/assignee", "902-555-0188")
                .then()
                .statusCode(200)
                .body("data.assignee_name", equalTo("Sue Support"));

        as(OLIVIA).get("/api/messages/conversations?assigned=me").then().body("data.phone_number", contains(JORDAN));
        as(SUE).get("/api/messages/conversations?assigned=me").then().body("data.phone_number", contains(PRIYA));
        as(SUE).get("/api/messages/conversations?assigned=unassigned").then().body("data.phone_number", contains(SAM));
        as(SUE).get("/api/messages/conversations?assigned=all")
                .then()
                .body("data.phone_number", contains(JORDAN, PRIYA, SAM))
                .body("data.assignee_name", contains("Olivia Operator", "Sue Support", null));
        as(SUE).get("/api/messages/conversations?assignee=u-sue").then().body("data.phone_number", contains(PRIYA));

        as(SUE).body("{\"assigneeId\":null}")
                .put("/api/messages/conversations/{p}/assignee", JORDAN)
                .then()
                .statusCode(200)
                .body("data.assignee_id", nullValue());
        as(OLIVIA).get("/api/messages/conversations?assigned=me").then().body("data", empty());

        assertEquals(2, data.count("select count(*) from audit_log where action = 'conversation.assign'"));
        assertEquals(
                1,
                data.count("select count(*) from audit_log where action = 'conversation.unassign' "
                        + "and actor = 'Sue Support' and target = '" + JORDAN + "' and details->>'from' = 'u-olivia'"));
    }

    @Test
    void assigningToSomeoneUnknownIsRefusedAndChangesNothing() {
        as(OLIVIA)
                .body("{\"assigneeId\":\"u-nobody\"}")
                .put("/api/messages/conversations/{p}/assignee", JORDAN)
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", containsString("assigneeId: no staff member u-nobody"));
        as(OLIVIA)
                .body("")
                .put("/api/messages/conversations/{p}/assignee", JORDAN)
                .then()
                .statusCode(400);
        as(OLIVIA)
                .body("{\"assigneeId\":\"me\"}")
                .put("/api/messages/conversations/{p}/assignee", "+19025550999")
                .then()
                .statusCode(404)
                .body("error", equalTo("Conversation not found"));
        as(OLIVIA)
                .get("/api/messages/conversations?assigned=bogus")
                .then()
                .statusCode(400)
                .body("error", containsString("assigned: must be me, unassigned or all"));
        assertEquals(0, data.count("select count(*) from openphone_conversations where assignee_id is not null"));
        assertEquals(0, data.count("select count(*) from audit_log where action like 'conversation.%assign'"));
    }

    @Test
    void assignmentReachesOtherStaffLive() throws Exception {
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
        try (SocketClient sue = SocketClient.withBearer(SocketClient.socketUri(socketUrl), SUE.substring(7))) {
            sue.await("hello");
            as(OLIVIA)
                    .body("{\"assigneeId\":\"me\"}")
                    .put("/api/messages/conversations/{p}/assignee", JORDAN)
                    .then()
                    .statusCode(200);
            JsonNode event =
                    sue.await(e -> "conversation.updated".equals(e.path("type").asText()), Duration.ofSeconds(5));
            assertEquals(JORDAN, event.path("phoneNumber").asText());
            assertEquals(
                    "Olivia Operator", event.path("data").path("assignee_name").asText());
        }
    }

    @Test
    void doneConversationsAreFilteredAndACustomersTextReopensThem() {
        as(SUE).body("{\"status\":\"done\"}")
                .put("/api/messages/conversations/{p}/status", JORDAN)
                .then()
                .statusCode(200)
                .body("data.inbox_status", equalTo("done"));
        as(SUE).get("/api/messages/conversations?status=done").then().body("data.phone_number", contains(JORDAN));
        as(SUE).get("/api/messages/conversations?status=open").then().body("data.phone_number", contains(PRIYA, SAM));
        as(SUE).get("/api/messages/conversations").then().body("data.inbox_status", contains("done", "open", "open"));
        assertEquals(
                1,
                data.count("select count(*) from audit_log where action = 'conversation.done' and target = '" + JORDAN
                        + "'"));

        // Staff's own reply and a delivery receipt leave it done; only the customer reopens it.
        data.sent(JORDAN, "Booked!", OpenPhoneWebhooks.newMessageId());
        as(SUE).get("/api/messages/conversations?status=done").then().body("data.phone_number", contains(JORDAN));
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        JORDAN,
                        TestData.LINE,
                        "One more question",
                        Instant.now()))
                .then()
                .statusCode(200);
        as(SUE).get("/api/messages/conversations?status=done").then().body("data", empty());
        as(SUE).get("/api/messages/conversations/{p}", JORDAN).then().body("data.inbox_status", equalTo("open"));

        as(SUE).body("{\"status\":\"closed\"}")
                .put("/api/messages/conversations/{p}/status", JORDAN)
                .then()
                .statusCode(400)
                .body("error", equalTo("status: must be \"open\" or \"done\""));
        as(SUE).get("/api/messages/conversations?status=closed").then().statusCode(400);
    }

    @Test
    void aSendCanMarkTheConversationDone() {
        as(OLIVIA)
                .body("{\"to\":\"" + PRIYA + "\",\"text\":\"Yes, at the desk\",\"markDone\":true}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        as(OLIVIA)
                .body("{\"to\":\"" + SAM + "\",\"text\":\"9 to 11\",\"setInboxStatus\":\"done\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        as(OLIVIA)
                .get("/api/messages/conversations?status=done")
                .then()
                .body("data.phone_number", contains(SAM, PRIYA));
        assertEquals(2, data.count("select count(*) from messages where set_inbox_done"));
        as(OLIVIA)
                .body("{\"to\":\"" + SAM + "\",\"text\":\"x\",\"setInboxStatus\":\"open\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("error", containsString("setInboxStatus: can only be \"done\""));
    }

    @Test
    void notesAreShownToStaffPushedLiveAndNeverBecomeTexts() throws Exception {
        assertTrue(Concurrently.eventually(listener::listening, 10_000), "listener up");
        long messagesBefore = data.count("select count(*) from messages");
        try (SocketClient sue = SocketClient.withBearer(SocketClient.socketUri(socketUrl), SUE.substring(7))) {
            sue.await("hello");
            as(OLIVIA)
                    .body("{\"text\":\"  Regular, prefers bay 3.\\nPaid by card last time.  \"}")
                    .post("/api/messages/conversations/{p}/notes", JORDAN)
                    .then()
                    .statusCode(201)
                    .body("data.text", equalTo("Regular, prefers bay 3.\nPaid by card last time."))
                    .body("data.author", equalTo("Olivia Operator"));
            JsonNode event = sue.await(e -> "note.created".equals(e.path("type").asText()), Duration.ofSeconds(5));
            assertEquals(
                    "Regular, prefers bay 3.\nPaid by card last time.",
                    event.path("data").path("text").asText());
            assertEquals(JORDAN, event.path("phoneNumber").asText());
        }
        as(SUE).get("/api/messages/conversations/{p}", JORDAN)
                .then()
                .body("data.notes.text", contains("Regular, prefers bay 3.\nPaid by card last time."))
                .body("data.notes[0].author", equalTo("Olivia Operator"))
                .body("data.messages.text", contains("Bay 3 at 7?"))
                .body("data.lastMessage.text", equalTo("Bay 3 at 7?"));
        assertEquals(messagesBefore, data.count("select count(*) from messages"));
        assertEquals(
                1,
                data.count("select message_count from openphone_conversations where phone_number = '" + JORDAN + "'"));
        assertEquals(1, data.count("select count(*) from audit_log where action = 'note.add'"));
    }

    @Test
    void badNotesAreRefused() {
        as(OLIVIA)
                .body("{\"text\":\"   \"}")
                .post("/api/messages/conversations/{p}/notes", JORDAN)
                .then()
                .statusCode(400)
                .body("error", equalTo("text: must not be blank"));
        as(OLIVIA)
                .body("{\"text\":\"" + "x".repeat(2001) + "\"}")
                .post("/api/messages/conversations/{p}/notes", JORDAN)
                .then()
                .statusCode(400)
                .body("error", containsString("at most 2000"));
        as(OLIVIA)
                .body("{\"text\":\"ok\"}")
                .post("/api/messages/conversations/{p}/notes", "+19025550999")
                .then()
                .statusCode(404);
        given().contentType(ContentType.JSON)
                .body("{\"text\":\"ok\"}")
                .post("/api/messages/conversations/{p}/notes", JORDAN)
                .then()
                .statusCode(401);
        assertEquals(0, data.count("select count(*) from conversation_notes"));
    }

    @Test
    void theListCarriesTheInboxFieldsClubOsCanIgnore() {
        data.message(PRIYA, MessageDirection.OUTBOUND, "Yes", Instant.now(), false);
        as(SUE).get("/api/messages/conversations")
                .then()
                .body("data[0].inbox_status", equalTo("open"))
                .body("data[0].opted_out", equalTo(false))
                .body("data.assignee_id", hasItem(nullValue()));
    }
}
