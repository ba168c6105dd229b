package com.clubos.messages.history;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A chain whose ClubOS table holds texts of several of its lines: each row lands on the line its
 * messages name, beside that location's live conversation, and only that location's staff see it.
 */
@QuarkusTest
@TestProfile(HistoryTestProfile.class)
class ClubosImportLinesTest {

    static final String HALIFAX = TestData.LINE;
    static final String DARTMOUTH = "+19025550199";
    static final String DORA = "+19025550131";
    static final String HANK = "+19025550132";
    static final String NEMO = "+19025550133";

    @Inject
    TestData data;

    LegacyClubos legacy;

    @BeforeEach
    void reset() throws Exception {
        data.reset();
        OpenPhoneWireMock.server().resetAll();
        legacy = LegacyClubos.create(HistoryTestProfile.LEGACY);
    }

    @AfterEach
    void close() throws Exception {
        data.execute("UPDATE history_imports SET state = 'cancelled' WHERE state = 'running'");
        legacy.close();
    }

    static String line(String customer) {
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN))
                .get("/api/messages/conversations/" + customer)
                .then()
                .statusCode(200)
                .extract()
                .path("data.line_number");
    }

    @Test
    void eachRowLandsOnTheLineItsMessagesNameAndOnlyThatLocationSeesIt() throws Exception {
        // Dora already texts Dartmouth live; her ClubOS history is Dartmouth's too (the webhook handler's
        // shape: "to" an array, and the plan's: "from" our line).
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        DORA,
                        DARTMOUTH,
                        "Live text to Dartmouth",
                        Instant.now().truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
        legacy.row(DORA, "Dora", null, """
                [{"direction":"incoming","from":["+19025550131"],"to":["(902) 555-0199"],"body":"Lesson on Sunday?","created_at":"2025-02-02 12:00:00"},
                 {"direction":"outbound","from":"+19025550199","to":"+19025550131","text":"Yes, 10am","createdAt":"2025-02-02T12:05:00Z"}]""", 0, null, Instant.parse("2025-02-02T12:00:00Z"));
        // Hank's row names Halifax; Nemo's names no line at all: both go to the default line.
        legacy.row(HANK, "Hank", null, """
                [{"direction":"outbound","from":"+19025550100","to":"+19025550132","text":"Your clubs are ready"}]""", 0, null, Instant.parse("2025-03-03T09:00:00Z"));
        legacy.row(NEMO, "Nemo", null, """
                [{"direction":"inbound","text":"Who is this?","createdAt":"2025-04-04T09:00:00Z"}]""", 0, null, Instant.parse("2025-04-04T09:00:00Z"));

        JsonPath done = Imports.run("{\"source\":\"clubos\"}");

        assertEquals("done", done.getString("data.state"), done.prettify());
        assertEquals(4, done.getLong("data.messages.imported"));
        assertEquals(1, data.count("SELECT count(*) FROM openphone_conversations WHERE phone_number = '" + DORA + "'"));
        assertEquals(DARTMOUTH, line(DORA));
        assertEquals(HALIFAX, line(HANK));
        assertEquals(HALIFAX, line(NEMO));
        assertEquals(
                DARTMOUTH,
                data.single("SELECT from_number FROM messages WHERE body = 'Yes, 10am'"),
                "an imported reply left from Dartmouth");
        assertEquals(DARTMOUTH, data.single("SELECT to_number FROM messages WHERE body = 'Lesson on Sunday?'"));

        String dartmouthOnly =
                "Bearer " + TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("locations", List.of(DARTMOUTH)));
        given().header("Authorization", dartmouthOnly)
                .get("/api/messages/conversations/" + DORA)
                .then()
                .statusCode(200)
                .body("data.messages.text", contains("Lesson on Sunday?", "Yes, 10am", "Live text to Dartmouth"));
        String halifaxOnly =
                "Bearer " + TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("locations", List.of(HALIFAX)));
        given().header("Authorization", halifaxOnly)
                .get("/api/messages/conversations?search=Dora")
                .then()
                .body("data.size()", equalTo(0));

        JsonPath again = Imports.run("{\"source\":\"clubos\"}");
        assertEquals(0, again.getLong("data.messages.imported"));
        assertEquals(4, again.getLong("data.messages.duplicates"));
    }
}
