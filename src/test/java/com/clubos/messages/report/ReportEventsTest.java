package com.clubos.messages.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the inbox does is what reports count: marking done and reopening, "send & mark done" (once, not
 * again while done), a customer's text reopening a done conversation (a new wait), STOP/START texts.
 */
@QuarkusTest
class ReportEventsTest {

    static final String LINE = "+19025550100";
    static final String CUSTOMER = "+19025552001";
    static final String OLIVIA = TestTokens.bearerFor("u-olivia", "Olivia Operator", "operator");

    @Inject
    TestData data;

    @Inject
    ReportSeed seed;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static void send(String text, boolean markDone) {
        given().header("Authorization", OLIVIA)
                .contentType(ContentType.JSON)
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"" + text + "\",\"markDone\":" + markDone + "}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
    }

    private static void status(String status) {
        given().header("Authorization", OLIVIA)
                .contentType(ContentType.JSON)
                .body("{\"status\":\"" + status + "\"}")
                .put("/api/messages/conversations/" + CUSTOMER + "/status")
                .then()
                .statusCode(200);
    }

    private static JsonPath today() {
        return given().header("Authorization", OLIVIA)
                .get("/api/reports/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("data");
    }

    @Test
    void sendAndMarkDoneAnswersAndClosesTheWaitOnceAndTheNextTextOpensANewOne() {
        Instant tenMinutesAgo = Instant.now().minus(10, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.MILLIS);
        seed.customer(LINE, CUSTOMER, "Are you open?", tenMinutesAgo);
        send("Yes, until 10", true);
        send("See you!", true); // already done: not marked done again
        JsonPath s = today();
        assertEquals(1, s.getInt("done"));
        assertEquals(1, s.getInt("firstResponse.answered"));
        double seconds = s.getDouble("firstResponse.median_seconds");
        assertTrue(seconds >= 600 && seconds < 660, "about ten minutes: " + seconds);
        assertEquals(
                1,
                data.count("SELECT count(*) FROM conversation_events WHERE kind = 'done' AND actor_id = 'u-olivia'"
                        + " AND actor_name = 'Olivia Operator' AND message_id IS NOT NULL"));

        // The customer writes again: the conversation reopens and a new wait starts, not yet answered.
        seed.customer(LINE, CUSTOMER, "Oh, and parking?", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        s = today();
        assertEquals(1, s.getInt("firstResponse.answered"));
        assertEquals(1, s.getInt("firstResponse.waiting"));
    }

    @Test
    void markingDoneAndReopeningByHandIsRecordedWithWhoAndWhen() {
        seed.customer(LINE, CUSTOMER, "Hi", Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS));
        status("done");
        status("done"); // no change: nothing recorded
        status("open");
        assertEquals(1, data.count("SELECT count(*) FROM conversation_events WHERE kind = 'done'"));
        assertEquals(
                1,
                data.count("SELECT count(*) FROM conversation_events WHERE kind = 'reopen' AND actor_id = 'u-olivia'"
                        + " AND line_number = '" + LINE + "'"));
        JsonPath s = today();
        assertEquals(1, s.getInt("done"));
        // Closed as done without a reply: it counts neither as answered nor as waiting.
        assertEquals(0, s.getInt("firstResponse.answered"));
        assertEquals(0, s.getInt("firstResponse.waiting"));
    }

    @Test
    void stopAndStartTextsAreRecordedOnceAtTheTextsTime() {
        Instant stop = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);
        seed.customer(LINE, CUSTOMER, "Stop", stop);
        seed.customer(LINE, CUSTOMER, "START", stop.plusSeconds(60));
        assertEquals(
                1,
                data.count("SELECT count(*) FROM conversation_events WHERE kind = 'opt_out' AND at = '" + stop + "'"));
        assertEquals(1, data.count("SELECT count(*) FROM conversation_events WHERE kind = 'opt_in'"));
        given().header("Authorization", OLIVIA)
                .get("/api/reports/summary")
                .then()
                .body("data.optOuts", equalTo(1))
                .body("data.inbound", equalTo(2))
                // Keywords are not questions: no waiting period.
                .body("data.firstResponse.waiting", equalTo(0));
    }
}
