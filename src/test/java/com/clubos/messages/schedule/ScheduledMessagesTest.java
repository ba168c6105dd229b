package com.clubos.messages.schedule;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scheduling a text through the API: validation, the list, edits and cancels, and who sees what. */
@QuarkusTest
class ScheduledMessagesTest {

    static final String CUSTOMER = "+19025550111";
    static final String DARTMOUTH = "+19025550199";

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    static RequestSpecification as(String role) {
        return given().header("Authorization", TestTokens.bearer(role)).contentType(ContentType.JSON);
    }

    /** A Dartmouth-only member of staff (a ClubOS token naming their location). */
    static RequestSpecification dartmouthOnly() {
        return given().header(
                        "Authorization",
                        "Bearer " + TestTokens.sign(TestTokens.claims("support").claim("lines", List.of(DARTMOUTH))))
                .contentType(ContentType.JSON);
    }

    static String inHalifax(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(-4)).toString();
    }

    static int schedule(String text, Instant at) {
        return as("operator")
                .body(Map.of("to", CUSTOMER, "text", text, "sendAt", inHalifax(at)))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("data.status", equalTo("scheduled"))
                .extract()
                .path("data.id");
    }

    /** A text scheduled two hours ahead that goes out even if the customer texts first. */
    static io.restassured.response.ValidatableResponse scheduleEvenIfReply(String text) {
        return as("operator")
                .body(Map.of(
                        "to",
                        CUSTOMER,
                        "text",
                        text,
                        "sendEvenIfReply",
                        true,
                        "sendAt",
                        inHalifax(Instant.now().plus(2, ChronoUnit.HOURS))))
                .post("/api/messages/send")
                .then()
                .statusCode(202);
    }

    private String statusOf(int id) {
        return (String) data.single("select status from messages where id = " + id);
    }

    @Test
    void aSendWithSendAtIsScheduledAuditedAndNotYetInTheConversation() {
        Instant at = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        int id = as("operator")
                .body(Map.of("to", "(902) 555-0111", "text", "See you at 7!", "sendAt", inHalifax(at)))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("data.status", equalTo("scheduled"))
                .body("data.origin", equalTo("scheduled"))
                .body("data.sendAt", equalTo(at.toString()))
                .body("data.sendEvenIfReply", equalTo(false))
                .body("data.to", equalTo(CUSTOMER))
                .extract()
                .path("data.id");

        assertEquals(1L, data.single("select count(*) from audit_log where action = 'message.schedule'"));
        assertEquals(0, data.single("select message_count from openphone_conversations"));
        assertEquals(
                "scheduled",
                data.single("select string_agg(status, ',') from message_status where message_id = " + id));
    }

    @Test
    void aBadSendTimeIsA400NamingTheProblem() {
        String in30s = inHalifax(Instant.now().plusSeconds(30));
        String noOffset = "2030-01-01T09:00:00";
        String inTwoYears = inHalifax(Instant.now().plus(730, ChronoUnit.DAYS));
        Map<String, String> expected = Map.of(
                in30s,
                "sendAt: must be at least 1 minute from now",
                noOffset,
                "sendAt: not an ISO 8601 date-time with an offset",
                inTwoYears,
                "sendAt: must be at most 365 days ahead",
                "tomorrow",
                "sendAt: not an ISO 8601");
        expected.forEach((sendAt, problem) -> as("operator")
                .body(Map.of("to", CUSTOMER, "text", "Hi", "sendAt", sendAt))
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", containsString(problem)));
        as("operator")
                .body(Map.of(
                        "to",
                        CUSTOMER,
                        "text",
                        " ",
                        "sendAt",
                        inHalifax(Instant.now().plusSeconds(3600))))
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("error", containsString("text: must not be blank"));
        as("operator")
                .body(Map.of("to", CUSTOMER, "text", "Hi", "sendEvenIfReply", true))
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("error", containsString("sendEvenIfReply: only applies to a scheduled message"));
        as("operator")
                .body(Map.of(
                        "to",
                        CUSTOMER,
                        "text",
                        "Hi",
                        "markDone",
                        true,
                        "sendAt",
                        inHalifax(Instant.now().plusSeconds(3600))))
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("error", containsString("markDone: cannot be combined with sendAt"));
        assertEquals(0L, data.single("select count(*) from messages"));
    }

    @Test
    void theSameIdempotencyKeyTwiceSchedulesOnce() {
        Map<String, Object> body = Map.of(
                "to",
                CUSTOMER,
                "text",
                "Reminder",
                "sendAt",
                inHalifax(Instant.now().plusSeconds(600)));
        int first = as("operator")
                .header("Idempotency-Key", "sched-1")
                .body(body)
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
        as("operator")
                .header("Idempotency-Key", "sched-1")
                .body(body)
                .post("/api/messages/send")
                .then()
                .statusCode(200)
                .body("data.id", equalTo(first))
                .body("data.status", equalTo("scheduled"));
        assertEquals(1L, data.single("select count(*) from messages"));
    }

    @Test
    void theListShowsScheduledMessagesSoonestFirstAndPages() {
        Instant now = Instant.now();
        int later = schedule("Later", now.plus(3, ChronoUnit.HOURS));
        int sooner = schedule("Sooner", now.plus(1, ChronoUnit.HOURS));
        int middle = schedule("Middle", now.plus(2, ChronoUnit.HOURS));
        int cancelled = schedule("Cancelled", now.plus(90, ChronoUnit.MINUTES));
        as("operator").delete("/api/messages/" + cancelled).then().statusCode(200);

        String next = as("support")
                .get("/api/messages/scheduled?limit=2")
                .then()
                .statusCode(200)
                .body("data.id", contains(sooner, middle))
                .body("data[0].customerName", equalTo("Unknown"))
                .body("data[0].lineName", equalTo("Halifax"))
                .body("data[0].text", equalTo("Sooner"))
                .extract()
                .path("nextCursor");
        as("support")
                .queryParam("after", next)
                .get("/api/messages/scheduled?limit=2")
                .then()
                .body("data.id", contains(later))
                .body("nextCursor", nullValue());
        as("operator").get("/api/messages/scheduled?after=nonsense").then().statusCode(400);
        as("operator").get("/api/messages/scheduled?conversationId=x").then().statusCode(400);
    }

    @Test
    void anotherLocationsScheduledMessagesAreInvisibleAndUntouchable() {
        int halifax = schedule("Halifax reminder", Instant.now().plus(1, ChronoUnit.HOURS));
        int dartmouth = as("admin")
                .body(Map.of(
                        "to",
                        CUSTOMER,
                        "from",
                        DARTMOUTH,
                        "text",
                        "Dartmouth reminder",
                        "sendAt",
                        inHalifax(Instant.now().plus(2, ChronoUnit.HOURS))))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");

        dartmouthOnly().get("/api/messages/scheduled").then().statusCode(200).body("data.id", contains(dartmouth));
        dartmouthOnly()
                .queryParam("line", TestData.LINE)
                .get("/api/messages/scheduled")
                .then()
                .body("data", empty());
        as("admin").get("/api/messages/scheduled?line=9025550199").then().body("data.id", contains(dartmouth));
        dartmouthOnly()
                .body(Map.of("text", "Changed"))
                .patch("/api/messages/" + halifax)
                .then()
                .statusCode(404);
        dartmouthOnly().delete("/api/messages/" + halifax).then().statusCode(404);
        assertEquals("scheduled", statusOf(halifax));
        dartmouthOnly().delete("/api/messages/" + dartmouth).then().statusCode(200);
    }

    @Test
    void editingChangesTextAndTimeWhileScheduledAndIsAudited() {
        int id = schedule("Your bay is at 7", Instant.now().plus(1, ChronoUnit.HOURS));
        Instant newTime = Instant.now().plus(5, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

        as("operator")
                .body(Map.of("text", "Your bay is at 8", "sendAt", inHalifax(newTime), "sendEvenIfReply", true))
                .patch("/api/messages/" + id)
                .then()
                .statusCode(200)
                .body("data.text", equalTo("Your bay is at 8"))
                .body("data.sendAt", equalTo(newTime.toString()))
                .body("data.sendEvenIfReply", equalTo(true))
                .body("data.status", equalTo("scheduled"));
        assertEquals("Your bay is at 8", data.single("select body from messages where id = " + id));
        assertEquals(
                "[\"text\", \"sendAt\", \"sendEvenIfReply\"]",
                data.single("select details->>'changed' from audit_log where action = 'message.schedule.update'"));

        as("operator").body(Map.of()).patch("/api/messages/" + id).then().statusCode(400);
        as("operator")
                .body(Map.of("text", "{{first_name}}, hi"))
                .patch("/api/messages/" + id)
                .then()
                .statusCode(400)
                .body("error", containsString("unfilled placeholder"));
        as("operator")
                .body(Map.of("sendAt", inHalifax(Instant.now())))
                .patch("/api/messages/" + id)
                .then()
                .statusCode(400)
                .body("error", containsString("sendAt: must be at least 1 minute"));
        as("operator")
                .body(Map.of("text", "x"))
                .patch("/api/messages/999999")
                .then()
                .statusCode(404);
    }

    @Test
    void cancellingStopsItAndLeavesItCancelledAfterwardsNothingChanges() {
        int id = schedule("League night", Instant.now().plus(1, ChronoUnit.HOURS));

        as("operator")
                .delete("/api/messages/" + id)
                .then()
                .statusCode(200)
                .body("data.status", equalTo("cancelled"))
                .body("data.error", equalTo("Cancelled by Test operator"));
        assertEquals(1L, data.single("select count(*) from audit_log where action = 'message.schedule.cancel'"));

        as("operator")
                .delete("/api/messages/" + id)
                .then()
                .statusCode(409)
                .body("error", containsString("this one is cancelled"));
        as("operator")
                .body(Map.of("text", "Changed"))
                .patch("/api/messages/" + id)
                .then()
                .statusCode(409);
        as("operator").get("/api/messages/scheduled").then().body("data", empty());
    }

    @Test
    void aMessageNoLongerScheduledCannotBeEditedOrCancelled() {
        int sent = as("operator")
                .body(Map.of("to", CUSTOMER, "text", "Now"))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
        as("operator")
                .body(Map.of("text", "Changed"))
                .patch("/api/messages/" + sent)
                .then()
                .statusCode(409)
                .body("error", containsString("Only a scheduled message can be edited (this one is queued)"));
        as("operator").delete("/api/messages/" + sent).then().statusCode(409);
    }

    @Test
    void aCustomersTextCancelsItUnlessItShouldGoOutEvenSo() {
        int plain = schedule("Are you coming?", Instant.now().plus(1, ChronoUnit.HOURS));
        int regardless = scheduleEvenIfReply("Booking reminder")
                .body("data.sendEvenIfReply", equalTo(true))
                .extract()
                .path("data.id");

        // A late webhook of a text sent before the scheduling changes nothing.
        String early = OpenPhoneWebhooks.received(
                OpenPhoneWebhooks.newEventId(),
                OpenPhoneWebhooks.newMessageId(),
                CUSTOMER,
                TestData.LINE,
                "Earlier text",
                Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS));
        OpenPhoneWebhooks.post(early).then().statusCode(200);
        assertEquals("scheduled", statusOf(plain));

        String reply = OpenPhoneWebhooks.received(
                OpenPhoneWebhooks.newEventId(),
                OpenPhoneWebhooks.newMessageId(),
                CUSTOMER,
                TestData.LINE,
                "Yes I'll be there",
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
        OpenPhoneWebhooks.post(reply).then().statusCode(200);
        OpenPhoneWebhooks.post(reply).then().statusCode(200);

        assertEquals("cancelled", statusOf(plain));
        assertEquals("customer replied first", data.single("select error_message from messages where id = " + plain));
        assertEquals("scheduled", statusOf(regardless));
        assertEquals(1L, data.single("select count(*) from message_status where status = 'cancelled'"));
    }

    @Test
    void aStopCancelsEvenAMessageMeantToGoOutRegardless() {
        int regardless = scheduleEvenIfReply("Booking reminder").extract().path("data.id");
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        CUSTOMER,
                        TestData.LINE,
                        "STOP",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
        assertEquals("cancelled", statusOf(regardless));
        assertEquals(
                "1", data.single("select details->>'cancelledScheduled' from audit_log where action = 'optout.stop'"));
    }
}
