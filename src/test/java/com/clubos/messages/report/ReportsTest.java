package com.clubos.messages.report;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.message.MessageOrigin;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every figure of the reports, checked exactly on a weekend at two clubs in Halifax that spans the start
 * of DST (Sunday 9 March 2025, 02:00 → 03:00): volumes, first responses that skip automatic, campaign and
 * failed texts, a reopened conversation's new waiting period, opt-outs, business hours, per location.
 */
@QuarkusTest
class ReportsTest {

    static final String HALIFAX = "+19025550100";
    static final String DARTMOUTH = "+19025550199";
    static final String A = "+19025551001";
    static final String B = "+19025551002";
    static final String C = "+19025551003";
    static final String D = "+19025551004";
    static final String E = "+19025551005";
    static final String F = "+19025551006";
    static final String G = "+19025551007";
    static final String WEEKEND = "from=2025-03-08&to=2025-03-09&tz=America/Halifax";

    @Inject
    TestData data;

    @Inject
    ReportSeed seed;

    static java.time.Instant at(String local) {
        return OffsetDateTime.parse(local).toInstant();
    }

    static RequestSpecification admin() {
        return given().header("Authorization", TestTokens.bearer(Roles.ADMIN));
    }

    @BeforeEach
    void weekendAtTwoClubs() {
        data.reset();
        // The previous two days: one customer answered in 2 minutes.
        seed.customer(HALIFAX, F, "Open Friday?", at("2025-03-07T12:00:00-04:00"));
        seed.staff(HALIFAX, F, at("2025-03-07T12:02:00-04:00"), "staff-1", "Sam Staff", MessageStatus.DELIVERED);
        // A: two texts, an automatic reply (not an answer), Sam answers in 3 minutes and marks it done;
        // A texts again in the evening: a new wait, answered by Robin in 12 minutes.
        seed.customer(HALIFAX, A, "Hi", at("2025-03-08T10:00:00-04:00"));
        seed.customer(HALIFAX, A, "Bay tonight?", at("2025-03-08T10:00:30-04:00"));
        seed.automatic(HALIFAX, A, at("2025-03-08T10:01:00-04:00"), MessageOrigin.AUTO);
        seed.staff(HALIFAX, A, at("2025-03-08T10:03:00-04:00"), "staff-1", "Sam Staff", MessageStatus.DELIVERED);
        seed.done(HALIFAX, A, at("2025-03-08T10:05:00-04:00"), "staff-1", "Sam Staff");
        seed.customer(HALIFAX, A, "Actually, 2 bays", at("2025-03-08T18:00:00-04:00"));
        seed.staff(HALIFAX, A, at("2025-03-08T18:12:00-04:00"), "staff-2", "Robin Staff", MessageStatus.DELIVERED);
        // B texts after closing on Saturday; Sam answers at 08:10 on Sunday, across the DST change (7h20m).
        seed.customer(HALIFAX, B, "Lessons?", at("2025-03-08T23:50:00-04:00"));
        seed.staff(HALIFAX, B, at("2025-03-09T08:10:00-03:00"), "staff-1", "Sam Staff", MessageStatus.DELIVERED);
        // C at 01:30 (before the change): a campaign text and a failed send are no answers; the reply from
        // OpenPhone's app at 03:30 (after it) is, one real hour later.
        seed.customer(HALIFAX, C, "Gift cards?", at("2025-03-09T01:30:00-04:00"));
        seed.automatic(HALIFAX, C, at("2025-03-09T01:31:00-04:00"), MessageOrigin.CAMPAIGN);
        seed.staff(HALIFAX, C, at("2025-03-09T01:35:00-04:00"), "staff-2", "Robin Staff", MessageStatus.FAILED);
        seed.fromOpenPhoneApp(HALIFAX, C, "Yes we do", at("2025-03-09T03:30:00-03:00"));
        // D: STOP, START, STOP, STOP again: two opt-outs, no waiting period.
        seed.customer(HALIFAX, D, "STOP", at("2025-03-09T12:00:00-03:00"));
        seed.customer(HALIFAX, D, "START", at("2025-03-09T12:30:00-03:00"));
        seed.customer(HALIFAX, D, "stop", at("2025-03-09T13:00:00-03:00"));
        seed.customer(HALIFAX, D, "STOP", at("2025-03-09T13:05:00-03:00"));
        // E in Dartmouth: answered in 4 minutes, done; "thanks" reopens it and it is done without a reply.
        seed.customer(DARTMOUTH, E, "Parking?", at("2025-03-09T15:00:00-03:00"));
        seed.staff(DARTMOUTH, E, at("2025-03-09T15:04:00-03:00"), "staff-2", "Robin Staff", MessageStatus.DELIVERED);
        seed.done(DARTMOUTH, E, at("2025-03-09T15:10:00-03:00"), "staff-2", "Robin Staff");
        seed.customer(DARTMOUTH, E, "Thanks!", at("2025-03-09T15:20:00-03:00"));
        seed.done(DARTMOUTH, E, at("2025-03-09T15:25:00-03:00"), "staff-2", "Robin Staff");
        // G: still waiting.
        seed.customer(HALIFAX, G, "Anyone there?", at("2025-03-09T23:00:00-03:00"));
    }

    private static JsonPath summary(String query) {
        return admin().get("/api/reports/summary?" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("data");
    }

    @Test
    void theSummaryCountsEveryFigureOfTheWeekendAndOfTheTwoDaysBefore() {
        JsonPath s = summary(WEEKEND);
        assertEquals("2025-03-08T00:00:00-04:00", s.getString("from"));
        assertEquals("2025-03-10T00:00:00-03:00", s.getString("to"));
        assertEquals(12, s.getInt("inbound"));
        assertEquals(8, s.getInt("outbound"));
        assertEquals(6, s.getInt("newConversations"));
        assertEquals(3, s.getInt("done"));
        assertEquals(2, s.getInt("optOuts"));
        assertEquals(1, s.getInt("failedSends"));
        // Answered: 180, 240, 720, 3600, 26400 s; G waits; E's "thanks" was closed without a reply.
        assertEquals(720.0, s.getDouble("firstResponse.median_seconds"));
        assertEquals(17280.0, s.getDouble("firstResponse.p90_seconds"), 1e-6);
        assertEquals(0.3333, s.getDouble("firstResponse.within_5m"));
        assertEquals(0.5, s.getDouble("firstResponse.within_15m"));
        assertEquals(5, s.getInt("firstResponse.answered"));
        assertEquals(1, s.getInt("firstResponse.waiting"));

        assertEquals("2025-03-06T00:00:00-04:00", s.getString("previous.from"));
        assertEquals("2025-03-08T00:00:00-04:00", s.getString("previous.to"));
        assertEquals(1, s.getInt("previous.inbound"));
        assertEquals(1, s.getInt("previous.outbound"));
        assertEquals(1, s.getInt("previous.newConversations"));
        assertEquals(0, s.getInt("previous.done"));
        assertEquals(120.0, s.getDouble("previous.firstResponse.median_seconds"));
        assertEquals(1.0, s.getDouble("previous.firstResponse.within_5m"));
    }

    @Test
    void businessHoursCountOnlyOpenTimeAtEachLocation() {
        JsonPath s = summary(WEEKEND + "&businessHours=true");
        assertTrue(s.getBoolean("businessHours"));
        // Halifax opens 08:00-23:00 at weekends, Dartmouth 16:00-20:00: 180, 720, B 600 (from 08:00 Sunday),
        // C 0 (answered before opening), E 0 (Dartmouth closed).
        assertEquals(180.0, s.getDouble("firstResponse.median_seconds"));
        assertEquals(672.0, s.getDouble("firstResponse.p90_seconds"), 1e-6);
        assertEquals(0.5, s.getDouble("firstResponse.within_5m"));
        assertEquals(0.8333, s.getDouble("firstResponse.within_15m"));
        String csv = admin().get("/api/reports/summary?" + WEEKEND + "&businessHours=true&format=csv")
                .then()
                .statusCode(200)
                .contentType(containsString("text/csv"))
                .extract()
                .asString();
        assertTrue(csv.startsWith("metric,current,previous\r\n"), csv);
        assertTrue(csv.contains("\r\nfirst_response_median_seconds,180,120\r\n"), csv);
        assertTrue(csv.contains("\r\ninbound,12,1\r\n"), csv);
    }

    @Test
    void oneLocationCountsOnlyItsOwnConversations() {
        JsonPath s = summary(WEEKEND + "&line=Dartmouth");
        assertEquals("+19025550199", s.getString("line"));
        assertEquals(2, s.getInt("inbound"));
        assertEquals(1, s.getInt("outbound"));
        assertEquals(1, s.getInt("newConversations"));
        assertEquals(2, s.getInt("done"));
        assertEquals(0, s.getInt("optOuts"));
        assertEquals(240.0, s.getDouble("firstResponse.median_seconds"));
        assertEquals(1.0, s.getDouble("firstResponse.within_5m"));
        assertEquals(1, s.getInt("firstResponse.answered"));
        assertEquals(0, s.getInt("firstResponse.waiting"));
    }

    @Test
    void staffOfOneLocationSeeOnlyItAndCannotAskForAnother() {
        String dartmouthOperator =
                "Bearer " + TestTokens.sign(TestTokens.claims(Roles.OPERATOR).claim("locations", List.of("Dartmouth")));
        given().header("Authorization", dartmouthOperator)
                .get("/api/reports/summary?" + WEEKEND)
                .then()
                .statusCode(200)
                .body("data.inbound", equalTo(2))
                .body("data.firstResponse.answered", equalTo(1));
        given().header("Authorization", dartmouthOperator)
                .get("/api/reports/heatmap?" + WEEKEND + "&line=" + HALIFAX)
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", containsString("line"));
        given().header("Authorization", TestTokens.bearer(Roles.SUPPORT))
                .get("/api/reports/summary?" + WEEKEND)
                .then()
                .statusCode(403);
        given().get("/api/reports/summary").then().statusCode(401);
    }

    @Test
    void timeSeriesHaveEveryBucketOfTheViewersDaysAcrossDst() {
        JsonPath days = admin().get("/api/reports/timeseries?metric=inbound&groupBy=day&" + WEEKEND)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of(
                        Map.of("at", "2025-03-08T00:00:00-04:00", "value", 4, "previous", 0),
                        Map.of("at", "2025-03-09T00:00:00-04:00", "value", 8, "previous", 1)),
                days.getList("data"));
        JsonPath hours = admin().get("/api/reports/timeseries?metric=inbound&groupBy=hour&from=2025-03-09&to=2025-03-09"
                        + "&tz=America/Halifax")
                .then()
                .statusCode(200)
                .body("data", hasSize(23))
                .extract()
                .jsonPath();
        assertEquals("2025-03-09T01:00:00-04:00", hours.getString("data[1].at"));
        assertEquals(1, hours.getInt("data[1].value"));
        assertEquals("2025-03-09T03:00:00-03:00", hours.getString("data[2].at"));
        assertEquals(2, hours.getInt("data[11].value")); // 12:00: STOP and START
        assertEquals("2025-03-09T12:00:00-03:00", hours.getString("data[11].at"));
        assertEquals(1, hours.getInt("data[22].value")); // 23:00: G
        // The previous day (Saturday) had 24 hours: A's two texts at 10:00.
        assertEquals(2, hours.getInt("data[10].previous"));

        JsonPath response = admin().get("/api/reports/timeseries?metric=first_response&groupBy=day&" + WEEKEND)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(720.0, response.getDouble("data[0].value")); // 180, 720, 26400
        assertEquals(1920.0, response.getDouble("data[1].value")); // 3600, 240
        assertEquals(120.0, response.getDouble("data[1].previous"));
        assertNull(response.get("data[0].previous"));
        // Weeks start on Monday: the weekend and the two days before it are in the week of 3 March.
        admin().get("/api/reports/timeseries?metric=new_conversations&groupBy=week&" + WEEKEND)
                .then()
                .statusCode(200)
                .body("data", hasSize(1))
                .body("data[0].at", equalTo("2025-03-03T00:00:00-04:00"))
                .body("data[0].value", equalTo(6))
                .body("data[0].previous", equalTo(1));
    }

    @Test
    void theRepeatedHourAtTheEndOfDstIsTwoBuckets() {
        seed.customer(HALIFAX, A, "first 01:30", at("2025-11-02T01:30:00-03:00"));
        seed.customer(HALIFAX, A, "second 01:30", at("2025-11-02T01:30:00-04:00"));
        admin().get("/api/reports/timeseries?metric=inbound&groupBy=hour&from=2025-11-02&to=2025-11-02"
                        + "&tz=America/Halifax&format=csv")
                .then()
                .statusCode(200)
                .body(containsString("at,value,previous\r\n2025-11-02T00:00:00-03:00,0,0\r\n"))
                .body(containsString("\r\n2025-11-02T01:00:00-03:00,1,0\r\n2025-11-02T01:00:00-04:00,1,0\r\n"))
                .body(containsString("\r\n2025-11-02T23:00:00-04:00,0,\r\n")); // the day before had 24 hours
        admin().get("/api/reports/timeseries?metric=inbound&groupBy=hour&from=2025-11-02&to=2025-11-02"
                        + "&tz=America/Halifax")
                .then()
                .body("data", hasSize(25));
    }

    @Test
    void staffFiguresNameWhoAnsweredHowFastAndWhoMarkedDone() {
        JsonPath staff = admin().get("/api/reports/staff?" + WEEKEND)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .setRootPath("data");
        assertEquals(List.of("Robin Staff", "Sam Staff", "OpenPhone app or imported"), staff.getList("name"));
        // Robin: 3 texts (one failed), answered A's evening text (720) and E (240), marked E done twice.
        assertEquals("staff-2", staff.getString("[0].id"));
        assertEquals(3, staff.getInt("[0].textsSent"));
        assertEquals(2, staff.getInt("[0].conversationsAnswered"));
        assertEquals(480.0, staff.getDouble("[0].medianFirstResponseSeconds"));
        assertEquals(2, staff.getInt("[0].done"));
        // Sam: A (180) and B (26400), marked A done; the Friday before: one answer in 120 s.
        assertEquals(2, staff.getInt("[1].textsSent"));
        assertEquals(2, staff.getInt("[1].conversationsAnswered"));
        assertEquals(13290.0, staff.getDouble("[1].medianFirstResponseSeconds"));
        assertEquals(1, staff.getInt("[1].done"));
        assertEquals(1, staff.getInt("[1].previous.textsSent"));
        assertEquals(120.0, staff.getDouble("[1].previous.medianFirstResponseSeconds"));
        // OpenPhone's app answered C an hour later.
        assertNull(staff.get("[2].id"));
        assertEquals(1, staff.getInt("[2].textsSent"));
        assertEquals(3600.0, staff.getDouble("[2].medianFirstResponseSeconds"));
        admin().header("Accept", "text/csv")
                .get("/api/reports/staff?" + WEEKEND + "&businessHours=true")
                .then()
                .statusCode(200)
                .body(containsString("staff_id,name,texts_sent,conversations_answered,"))
                .body(containsString("\r\nstaff-2,Robin Staff,3,2,360,2,0,0,,0\r\n"))
                .body(containsString("\r\nstaff-1,Sam Staff,2,2,390,1,1,1,120,0\r\n"));
    }

    @Test
    void theHeatmapHasEveryHourOfTheWeekInTheViewersZone() {
        JsonPath cells = admin().get("/api/reports/heatmap?" + WEEKEND)
                .then()
                .statusCode(200)
                .body("data", hasSize(168))
                .extract()
                .jsonPath()
                .setRootPath("data");
        int total =
                cells.getList("value", Integer.class).stream().mapToInt(i -> i).sum();
        assertEquals(12, total);
        assertEquals(
                Map.of("weekday", 6, "hour", 10, "value", 2, "previous", 0), cells.getMap("[" + (5 * 24 + 10) + "]"));
        assertEquals(1, cells.getInt("[" + (6 * 24 + 1) + "].value")); // Sunday 01:00
        assertEquals(1, cells.getInt("[" + (4 * 24 + 12) + "].previous")); // Friday 12:00, the days before
        assertEquals(1, cells.getInt("[" + (6 * 24 + 23) + "].value")); // Sunday 23:00
    }

    @Test
    void newTextsFailedAnswersAndRetriesChangeTheFiguresAtOnce() {
        assertEquals(5, summary(WEEKEND).getInt("firstResponse.answered"));
        // G is answered after 20 minutes (by OpenPhone's app).
        seed.fromOpenPhoneApp(HALIFAX, G, "Yes!", at("2025-03-09T23:20:00-03:00"));
        JsonPath s = summary(WEEKEND);
        assertEquals(6, s.getInt("firstResponse.answered"));
        assertEquals(0, s.getInt("firstResponse.waiting"));
        // Sam's answer to A fails after all: A was marked done without a reply that arrived.
        long samToA = data.count("SELECT id FROM messages WHERE sent_by_id = 'staff-1' AND to_number = '" + A + "'");
        data.execute("UPDATE messages SET status = 'failed' WHERE id = " + samToA);
        s = summary(WEEKEND);
        assertEquals(5, s.getInt("firstResponse.answered"));
        assertEquals(0.2, s.getDouble("firstResponse.within_5m")); // 240 of 240, 720, 1200, 3600, 26400
        // Retried, it is the answer again.
        admin().post("/api/messages/" + samToA + "/retry").then().statusCode(200);
        assertEquals(6, summary(WEEKEND).getInt("firstResponse.answered"));
    }

    @Test
    void badRangesAreRefusedNamingTheParameter() {
        admin().get("/api/reports/summary?from=2025-03-09&to=2025-03-01")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", containsString("from"));
        admin().get("/api/reports/summary?from=2024-01-01&to=2025-03-01")
                .then()
                .statusCode(400)
                .body("error", containsString("to: a report spans at most 400 days"));
        admin().get("/api/reports/timeseries?metric=inbound&tz=Mars/Olympus")
                .then()
                .statusCode(400)
                .body("error", containsString("tz"));
        admin().get("/api/reports/summary?from=yesterday")
                .then()
                .statusCode(400)
                .body("error", containsString("from"));
        admin().get("/api/reports/timeseries?metric=calls")
                .then()
                .statusCode(400)
                .body("error", containsString("metric"));
        admin().get("/api/reports/timeseries?metric=inbound&groupBy=month")
                .then()
                .statusCode(400)
                .body("error", containsString("groupBy"));
        admin().get("/api/reports/summary?businessHours=maybe")
                .then()
                .statusCode(400)
                .body("error", containsString("businessHours"));
        admin().get("/api/reports/summary?format=xml").then().statusCode(400).body("error", containsString("format"));
        admin().header("Accept", "text/csv")
                .get("/api/reports/summary?tz=Nowhere")
                .then()
                .statusCode(400)
                .body("error", containsString("tz"));
        // The default range: the last 30 days up to the end of today.
        admin().get("/api/reports/summary").then().statusCode(200).body("data.previous.inbound", equalTo(0));
    }
}
