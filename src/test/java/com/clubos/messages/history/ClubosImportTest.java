package com.clubos.messages.history;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.message.MessageStatus;
import com.clubos.messages.openphone.OpenPhoneWireMock;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ClubOS import against a legacy database with the plan's schema and the rows real data holds:
 * mixed shapes, duplicates, failed_… ids, NULLs, broken JSON, invalid numbers, a huge array.
 */
@QuarkusTest
@TestProfile(HistoryTestProfile.class)
class ClubosImportTest {

    static final String LINE = TestData.LINE;
    static final String JANE = "+19025550111";
    static final String BOB = "+19025550112";
    static final String MALFORMED = "+19025550116";
    static final String TIMELESS = "+19025550117";
    static final String KIM = "+19025550118";
    static final String HUGE = "+19025550120";
    static final String LATE = "+19025550122";
    static final String ELSEWHERE = "+19025550123";
    static final int HUGE_SIZE = 2_500;
    static final Instant ROW_TIME = Instant.parse("2025-01-15T12:00:00Z");

    /** What the nasty set holds: new messages, duplicates, skipped elements (see {@link #nastyRows}). */
    static final int IMPORTED = 4 + 2 + 1 + 3 + 1 + 1 + HUGE_SIZE + 1 + 1;

    static final int DUPLICATES = 2 + 1 + 1 + 3 + 1;
    static final int SKIPPED = 1 + 3 + 1 + 5;
    static final int ROWS = 13;

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

    /** The nasty rows, in id order; the comments give what each contributes (imported/duplicates/skipped). */
    static void nastyRows(LegacyClubos legacy) throws Exception {
        // 1: the plan's shape, 4/2/0: an id-less "ok" twice at different times stays two messages, the exact
        // copy of one is a duplicate, and the webhook handler's copy of ACa1 (other shape, same id) too.
        legacy.row(JANE, "Jane Doe", "Sam", """
                [{"id":"ACa1","direction":"inbound","from":"+19025550111","to":"+19025550100","text":"Hi, can I book bay 3?","createdAt":"2025-03-01T10:00:00.000Z"},
                 {"id":"ACa2","direction":"outbound","from":"+19025550100","to":"+19025550111","text":"Sure, 6pm?","status":"sent","createdAt":"2025-03-01T10:01:00.000Z"},
                 {"direction":"inbound","from":"+19025550111","text":"ok","createdAt":"2025-03-01T10:02:00Z"},
                 {"direction":"inbound","from":"+19025550111","text":"ok","createdAt":"2025-03-01T10:05:00Z"},
                 {"direction":"inbound","from":"+19025550111","text":"ok","createdAt":"2025-03-01T10:02:00Z"},
                 {"id":"ACa1","body":"Hi, can I book bay 3?","direction":"incoming","from":["+19025550111"],"to":["+19025550100"],"created_at":"2025-03-01T10:00:00Z"}]""", 2, Instant.parse("2025-03-01T09:00:00Z"), ROW_TIME);
        // 2: the older webhook handler's shape, 2/1/1: a space-separated time, epoch millis, a text already
        // stored from a webhook (same id), a failed_ send, and an element naming no direction at all.
        legacy.row(BOB, "Unknown", null, """
                [{"id":"ACb1","body":"Where are you located?","direction":"incoming","from":["+19025550112"],"to":["+19025550100"],"created_at":"2025-02-01 09:00:00"},
                 {"id":"ACwebhook1","content":"We're at 12 Main St","direction":"outgoing","from":"+19025550100","to":["+19025550112"],"createdAt":1738400460000},
                 {"id":"failed_1738400500000","to":"+19025550112","from":"+19025550100","text":"Reminder: your booking","status":"failed","error":"Request failed with status code 400","createdAt":"2025-02-01T09:01:40.000Z"},
                 {"text":"nobody knows who sent this","createdAt":"2025-02-01T09:03:00Z"}]""", 0, null, ROW_TIME);
        // 3: not a phone number: 0/0/3.
        legacy.row("not-a-number", "Ghost", null, """
                [{"direction":"inbound","text":"a"},{"direction":"inbound","text":"b"},{"direction":"inbound","text":"c"}]""", 1, null, ROW_TIME);
        // 4: messages NULL: nothing.
        legacy.row("+19025550114", "Empty", null, null, 0, null, ROW_TIME);
        // 5: messages is an object, not an array: 0/0/1.
        legacy.row("+19025550115", "Object", null, "{\"text\":\"an object\"}", 0, null, ROW_TIME);
        // 6: malformed elements: 1/0/5.
        legacy.row(MALFORMED, "Mal Formed", null, """
                ["just a string", 42, {"direction":"inbound","text":{"nested":true}}, {"direction":"sideways","text":"hm"},
                 {"direction":"inbound","text":"the valid one","createdAt":"2025-04-01T00:00:00Z"}, null]""", 0, null, ROW_TIME);
        // 7: no times at all: 3/0/0, in the array's order, the same text twice.
        legacy.row(TIMELESS, "Tim Less", null, """
                [{"direction":"inbound","from":"+19025550117","text":"first"},{"direction":"outbound","to":"+19025550117","text":"second"},
                 {"direction":"inbound","from":"+19025550117","text":"first"}]""", 0, null, ROW_TIME);
        // 8 and 9: one customer in two rows (national and spaced formats), unread 1 + 3: 1/0/0 and 1/1/0.
        legacy.row("(902) 555-0118", "Kim", null, """
                [{"direction":"inbound","from":"+19025550118","text":"From national format","createdAt":"2025-05-01T08:00:00Z"}]""", 1, null, ROW_TIME);
        legacy.row("+1 902 555 0118", "Kim Lee", null, """
                [{"direction":"inbound","from":"+19025550118","text":"Second row","createdAt":"2025-05-01T08:05:00Z"},
                 {"direction":"inbound","from":"+19025550118","text":"From national format","createdAt":"2025-05-01T08:00:00Z"}]""", 3, null, ROW_TIME);
        // 10: a huge array (a third with ids) and exact copies of its first three elements: 2,500/3/0.
        legacy.execute("""
                INSERT INTO openphone_conversations (phone_number, customer_name, messages, unread_count, created_at)
                SELECT '%s', 'Huge', jsonb_agg(e ORDER BY n), 0, timestamp '2025-01-15 12:00:00'
                FROM (SELECT n, jsonb_strip_nulls(jsonb_build_object(
                          'id', CASE WHEN mod(n, 3) = 0 THEN 'AChuge' || n END,
                          'direction', CASE WHEN mod(n, 2) = 0 THEN 'inbound' ELSE 'outbound' END,
                          'text', 'msg ' || n,
                          'createdAt', to_char(timestamp '2025-06-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))) AS e
                      FROM generate_series(0, %d) AS n
                      UNION ALL
                      SELECT %d + n, jsonb_strip_nulls(jsonb_build_object(
                          'id', CASE WHEN mod(n, 3) = 0 THEN 'AChuge' || n END,
                          'direction', CASE WHEN mod(n, 2) = 0 THEN 'inbound' ELSE 'outbound' END,
                          'text', 'msg ' || n,
                          'createdAt', to_char(timestamp '2025-06-01' + n * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')))
                      FROM generate_series(0, 2) AS n) AS elements""".formatted(HUGE, HUGE_SIZE - 1, HUGE_SIZE));
        // 11: the array encoded twice (a JSON string holding it): 1/0/0.
        legacy.row(
                "+19025550121",
                "Double",
                null,
                "\"[{\\\"direction\\\":\\\"inbound\\\",\\\"text\\\":\\\"double encoded\\\",\\\"createdAt\\\":\\\"2025-06-01T00:00:00Z\\\"}]\"",
                0,
                null,
                ROW_TIME);
        // 12: a time in the future falls back to the row's: 1/0/0.
        legacy.row(LATE, "Late", null, """
                [{"direction":"inbound","text":"from the future","createdAt":"2999-01-01T00:00:00Z"}]""", 0, null, ROW_TIME);
        // 13: the same OpenPhone id as row 1's, under another customer: one row, 0/1/0, and no empty conversation.
        legacy.row(ELSEWHERE, "Elsewhere", null, """
                [{"id":"ACa2","direction":"outbound","text":"Sure, 6pm?","createdAt":"2025-03-01T10:01:00.000Z"}]""", 0, null, ROW_TIME);
    }

    @Test
    void theNastyTableIsImportedWithExactCountsAndEveryBadRowNamed() throws Exception {
        nastyRows(legacy);
        data.conversation(BOB, "Bob Contact");
        data.message(
                BOB,
                MessageDirection.OUTBOUND,
                "We're at 12 Main St",
                Instant.parse("2025-02-01T09:01:00Z"),
                false,
                MessageStatus.DELIVERED,
                "ACwebhook1");
        data.inbound(BOB, "Live text before the import", Instant.now().minusSeconds(60));

        JsonPath done = Imports.run("{\"source\":\"clubos\"}");

        assertEquals("done", done.getString("data.state"), done.prettify());
        assertEquals(IMPORTED, done.getLong("data.messages.imported"));
        assertEquals(DUPLICATES, done.getLong("data.messages.duplicates"));
        assertEquals(SKIPPED, done.getLong("data.messages.skipped"));
        assertEquals(ROWS, done.getInt("data.conversations.done"));
        assertEquals(ROWS, done.getInt("data.conversations.total"));
        List<String> refs = done.getList("data.errors.ref");
        assertTrue(
                refs.containsAll(List.of(
                        "row 2, element 3",
                        "row 3",
                        "row 5",
                        "row 6, element 0",
                        "row 6, element 1",
                        "row 6, element 2",
                        "row 6, element 3",
                        "row 6, element 5")),
                refs.toString());
        assertTrue(
                done.getString("data.errors.find { it.ref == 'row 3' }.reason").contains("not a valid phone number"));
        assertEquals(8, done.getInt("data.errorCount"));

        assertEquals(IMPORTED + 2, data.count("select count(*) from messages"));
        assertEquals(
                data.count("select count(*) from messages"),
                data.count("select sum(message_count) from openphone_conversations"));
        assertEquals(0, data.count("select count(*) from messages where status in ('queued', 'sending')"));
        assertEquals(
                "Request failed with status code 400",
                data.single(
                        "select error_message from messages where status = 'failed' and body = 'Reminder: your booking'"));
        assertEquals(
                0, data.count("select count(*) from openphone_conversations where phone_number = '" + ELSEWHERE + "'"));
        assertEquals(
                "Bob Contact",
                data.single("select customer_name from openphone_conversations where phone_number = '" + BOB + "'"));
        assertEquals(1, data.count("select count(*) from messages where openphone_id = 'ACa2'"));
        assertEquals(0, data.count("select count(*) from messages where created_at > now()"));
        assertEquals(1, data.count("select count(*) from messages where body = 'double encoded'"));
        // Imported history is not pushed as new.
        assertEquals(
                0,
                data.count("select count(*) from change_events e join messages m on m.id = e.message_id "
                        + "where m.import_id is not null"));
    }

    @Test
    void unreadCountsGetTheCarriedCountOnceAndNothingForImportedTexts() throws Exception {
        nastyRows(legacy);
        data.inbound(BOB, "Live text before the import", Instant.now().minusSeconds(60));

        Imports.run("{\"source\":\"clubos\"}");
        assertUnread();
        assertEquals(
                "2025-03-01T09:00:00Z",
                data.single("select to_char(last_read_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
                        + "from openphone_conversations where phone_number = '" + JANE + "'"),
                "ClubOS's last_read_at is carried");
        JsonPath again = Imports.run("{\"source\":\"clubos\"}");
        assertEquals(0, again.getLong("data.messages.imported"));
        assertUnread();

        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations/" + JANE)
                .then()
                .body("data.customer_name", equalTo("Jane Doe"))
                .body("data.employee_name", equalTo("Sam"))
                .body("data.lastMessage.text", equalTo("ok"));
    }

    private void assertUnread() {
        assertEquals(
                2, data.count("select unread_count from openphone_conversations where phone_number = '" + JANE + "'"));
        assertEquals(
                1, data.count("select unread_count from openphone_conversations where phone_number = '" + BOB + "'"));
        assertEquals(
                4, data.count("select unread_count from openphone_conversations where phone_number = '" + KIM + "'"));
        given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/unread-count")
                .then()
                .body("data.totalUnread", equalTo(7));
        assertEquals(
                "open",
                data.single("select inbox_status from openphone_conversations where phone_number = '" + JANE + "'"));
        assertEquals(
                "done",
                data.single("select inbox_status from openphone_conversations where phone_number = '" + HUGE + "'"));
    }

    @Test
    void aSecondRunAddsNothingAndCountsEverythingAsAlreadyThere() throws Exception {
        nastyRows(legacy);
        Imports.run("{\"source\":\"clubos\"}");
        long stored = data.count("select count(*) from messages");
        String conversations = String.valueOf(
                data.single(
                        "select string_agg(phone_number || ':' || message_count || ':' || last_message_id, ',' order by id) from openphone_conversations"));

        JsonPath again = Imports.run("{\"source\":\"clubos\"}");

        assertEquals(0, again.getLong("data.messages.imported"));
        assertEquals(IMPORTED + DUPLICATES, again.getLong("data.messages.duplicates"));
        assertEquals(SKIPPED, again.getLong("data.messages.skipped"));
        assertEquals(stored, data.count("select count(*) from messages"));
        assertEquals(
                conversations,
                String.valueOf(
                        data.single(
                                "select string_agg(phone_number || ':' || message_count || ':' || last_message_id, ',' order by id) from openphone_conversations")));
    }

    @Test
    void elementsWithoutTimesKeepTheArraysOrderAndEqualTextsStayTwo() throws Exception {
        nastyRows(legacy);
        Imports.run("{\"source\":\"clubos\"}");

        List<String> texts = given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations/" + TIMELESS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data.messages.text");
        assertEquals(List.of("first", "second", "first"), texts);
        List<String> ok = given().header("Authorization", TestTokens.bearer("support"))
                .get("/api/messages/conversations/" + JANE)
                .then()
                .extract()
                .jsonPath()
                .getList("data.messages.text");
        assertEquals(List.of("Hi, can I book bay 3?", "Sure, 6pm?", "ok", "ok"), ok);
    }

    @Test
    void importedHistoryIsNeverSentAndAFailedOneCannotBeRetried() throws Exception {
        nastyRows(legacy);
        Imports.run("{\"source\":\"clubos\"}");
        Thread.sleep(1_000); // several outbox polls

        OpenPhoneWireMock.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/messages")));
        Number failed = (Number) data.single("select id from messages where status = 'failed'");
        given().header("Authorization", TestTokens.bearer("operator"))
                .post("/api/messages/" + failed + "/retry")
                .then()
                .statusCode(409)
                .body(
                        "error",
                        equalTo(
                                "This message is imported history and is never sent again; write a new message instead"));
        Thread.sleep(500);
        OpenPhoneWireMock.server().verify(0, postRequestedFor(urlPathEqualTo("/v1/messages")));
    }
}
