package com.clubos.messages.line;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Lines as club locations: who sees which line's conversations, in every endpoint. */
@QuarkusTest
class LocationsTest {

    static final String HALIFAX = "+19025550100";
    static final String DARTMOUTH = "+19025550199";
    static final String JORDAN = "+19025550123";
    static final String PRIYA = "+19025550188";
    static final String SAM = "+17825550142";

    @Inject
    TestData data;

    long priyaInDartmouth;

    @BeforeEach
    void twoClubs() {
        data.reset();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        data.inbound(HALIFAX, JORDAN, "Bay 3 tonight?", now.minusSeconds(30));
        data.inbound(HALIFAX, JORDAN, "At 7", now.minusSeconds(20));
        priyaInDartmouth = data.inbound(DARTMOUTH, PRIYA, "Left-handed clubs?", now.minusSeconds(10));
        data.inbound(DARTMOUTH, SAM, "Sunday hours?", now);
    }

    /** A ClubOS operator whose token names their location as ClubOS does. */
    static RequestSpecification clubos(String claim, Object locations) {
        return given().header(
                        "Authorization",
                        "Bearer "
                                + TestTokens.sign(
                                        TestTokens.claims(Roles.OPERATOR).claim(claim, locations)));
    }

    static RequestSpecification halifaxOnly() {
        return clubos("locations", List.of("Halifax"));
    }

    static RequestSpecification dartmouthOnly() {
        return clubos("lines", List.of("(902) 555-0199"));
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN));
    }

    @Test
    void eachCallerListsOnlyTheLinesTheyMaySeeWithUnreadCounts() {
        admin().get("/api/messages/lines")
                .then()
                .statusCode(200)
                .body("data.number", contains(HALIFAX, DARTMOUTH))
                .body("data.name", contains("Halifax", "Dartmouth"))
                .body("data.unread", contains(2, 2));
        halifaxOnly()
                .get("/api/messages/lines")
                .then()
                .body("data", hasSize(1))
                .body("data[0].name", equalTo("Halifax"))
                .body("data[0].unread", equalTo(2));
        dartmouthOnly().get("/api/messages/lines").then().body("data.number", contains(DARTMOUTH));
        clubos("locations", List.of("Moncton"))
                .get("/api/messages/lines")
                .then()
                .body("data", hasSize(0));
        clubos("locations", "Halifax,Dartmouth")
                .get("/api/messages/lines")
                .then()
                .body("data", hasSize(2));
    }

    @Test
    void theListIsScopedFilteredByLineAndNamesEachLine() {
        halifaxOnly()
                .get("/api/messages/conversations")
                .then()
                .body("data.phone_number", contains(JORDAN))
                .body("data[0].line_number", equalTo(HALIFAX))
                .body("data[0].line_name", equalTo("Halifax"))
                .body("data[0].phone_display", equalTo("(902) 555-0123"));
        dartmouthOnly()
                .get("/api/messages/conversations?search=555")
                .then()
                .body("data.phone_number", contains(SAM, PRIYA));
        dartmouthOnly().get("/api/messages/conversations?search=Jordan").then().body("data", hasSize(0));
        admin().get("/api/messages/conversations?line=" + DARTMOUTH + "&fields=summary&limit=1")
                .then()
                .body("data.phone_number", contains(SAM))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
        String cursor = admin().queryParam("line", "(902) 555-0199")
                .queryParam("limit", 1)
                .get("/api/messages/conversations")
                .then()
                .extract()
                .path("nextCursor");
        admin().get("/api/messages/conversations?line=" + DARTMOUTH + "&limit=1&before=" + cursor)
                .then()
                .body("data.phone_number", contains(PRIYA))
                .body("nextCursor", nullValue());
        // Another location's line as a filter shows nothing rather than leaking it.
        halifaxOnly()
                .get("/api/messages/conversations?line=" + DARTMOUTH)
                .then()
                .body("data", hasSize(0));
        admin().get("/api/messages/conversations?line=not-a-number")
                .then()
                .statusCode(400)
                .body("error", containsString("line"));
    }

    @Test
    void anotherLocationsConversationDoesNotExistForTheCaller() {
        String path = "/api/messages/conversations/" + PRIYA;
        halifaxOnly().get(path).then().statusCode(404);
        halifaxOnly().get(path + "?line=" + DARTMOUTH).then().statusCode(404);
        halifaxOnly().get(path + "/messages").then().statusCode(404);
        halifaxOnly().put(path + "/read").then().statusCode(404);
        halifaxOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("customer_name", "Nosy"))
                .patch(path)
                .then()
                .statusCode(404);
        halifaxOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("assigneeId", "me"))
                .put(path + "/assignee")
                .then()
                .statusCode(404);
        halifaxOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("status", "done"))
                .put(path + "/status")
                .then()
                .statusCode(404);
        halifaxOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("text", "psst"))
                .post(path + "/notes")
                .then()
                .statusCode(404);
        halifaxOnly()
                .post("/api/messages/" + priyaInDartmouth + "/retry")
                .then()
                .statusCode(404);
        halifaxOnly()
                .get("/api/messages/" + priyaInDartmouth + "/media/0")
                .then()
                .statusCode(404);
        assertEquals(
                1,
                data.count("SELECT unread_count FROM openphone_conversations WHERE phone_number = '" + PRIYA + "'"),
                "nothing was marked read");
        dartmouthOnly().get(path).then().statusCode(200).body("data.line_name", equalTo("Dartmouth"));
    }

    @Test
    void unreadCountsAreScopedAndGivenPerLine() {
        admin().get("/api/messages/unread-count")
                .then()
                .body("data.totalUnread", equalTo(4))
                .body("data.byLine.'+19025550100'", equalTo(2))
                .body("data.byLine.'+19025550199'", equalTo(2));
        halifaxOnly()
                .get("/api/messages/unread-count")
                .then()
                .body("data.totalUnread", equalTo(2))
                .body("data.byLine.'+19025550199'", nullValue());
    }

    @Test
    void sendsLeaveFromTheConversationsLineAndNeverFromAnotherLocations() {
        dartmouthOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("to", PRIYA, "text", "Yes we do"))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("data.from", equalTo(DARTMOUTH));
        dartmouthOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("to", PRIYA, "text", "Hi", "from", HALIFAX))
                .post("/api/messages/send")
                .then()
                .statusCode(403)
                .body("error", containsString("Halifax"));
        // Jordan only texted Halifax: a Dartmouth operator texting Jordan starts Dartmouth's own conversation.
        dartmouthOnly()
                .contentType(ContentType.JSON)
                .body(Map.of("to", "902-555-0123", "text", "From Dartmouth"))
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("data.from", equalTo(DARTMOUTH));
        assertEquals(
                2, data.count("SELECT count(*) FROM openphone_conversations WHERE phone_number = '" + JORDAN + "'"));
        halifaxOnly()
                .get("/api/messages/conversations/" + JORDAN)
                .then()
                .body("data.messages.text", everyItem(org.hamcrest.Matchers.not(equalTo("From Dartmouth"))));
    }

    @Test
    void anAdminGivesAStaffAccountItsLinesAndItTakesEffectAtOnce() {
        data.staff("desk", "halifax-front-desk-1", Roles.OPERATOR);
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", "desk", "password", "halifax-front-desk-1"))
                .post("/api/auth/login")
                .then()
                .extract()
                .path("data.token");
        long id = ((Number) data.single("SELECT id FROM staff_users WHERE username = 'desk'")).longValue();
        given().header("Authorization", "Bearer " + token)
                .get("/api/messages/conversations")
                .then()
                .body("data", hasSize(3));

        admin().contentType(ContentType.JSON)
                .body(Map.of("lines", List.of("Moncton")))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(400)
                .body("error", containsString("Moncton"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("lines", List.of("902 555 0100")))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(200)
                .body("data.lines", contains(HALIFAX));
        given().header("Authorization", "Bearer " + token)
                .get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .body("data.phone_number", contains(JORDAN));
        given().header("Authorization", "Bearer " + token)
                .get("/api/messages/conversations/" + PRIYA)
                .then()
                .statusCode(404);

        admin().contentType(ContentType.JSON)
                .body(Map.of("lines", List.of()))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(200)
                .body("data.lines", hasSize(0));
        given().header("Authorization", "Bearer " + token)
                .get("/api/messages/conversations")
                .then()
                .body("data", hasSize(3));
    }

    @Test
    void aConversationIsNotAssignedToSomeoneWhoCannotSeeItsLocation() {
        data.staff("desk", "halifax-front-desk-1", Roles.OPERATOR);
        long id = ((Number) data.single("SELECT id FROM staff_users WHERE username = 'desk'")).longValue();
        admin().contentType(ContentType.JSON)
                .body(Map.of("lines", List.of("Halifax")))
                .patch("/api/admin/staff/" + id)
                .then()
                .statusCode(200);
        admin().contentType(ContentType.JSON)
                .body(Map.of("assigneeId", "staff-" + id))
                .put("/api/messages/conversations/" + PRIYA + "/assignee")
                .then()
                .statusCode(400)
                .body("error", containsString("does not work at Dartmouth"));
        admin().contentType(ContentType.JSON)
                .body(Map.of("assigneeId", "staff-" + id))
                .put("/api/messages/conversations/" + JORDAN + "/assignee")
                .then()
                .statusCode(200)
                .body("data.assignee_id", equalTo("staff-" + id));
    }

    @Test
    void numbersFromAbroadShowInInternationalFormat() {
        data.inbound(HALIFAX, "+442079460958", "Hello from London", Instant.now());
        admin().get("/api/messages/conversations?search=Unknown&line=" + HALIFAX)
                .then()
                .body("data.find { it.phone_number == '+442079460958' }.phone_display", equalTo("+44 20 7946 0958"));
    }
}
