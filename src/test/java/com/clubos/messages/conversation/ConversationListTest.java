package com.clubos.messages.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.message.MessageDirection;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ConversationListTest {

    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    @Inject
    TestData data;

    @BeforeEach
    void seed() {
        data.reset();
        data.conversation("+19025550111", "Jordan Lee");
        data.inbound("+19025550111", "Is bay 3 free?", T0);
        data.message("+19025550111", MessageDirection.OUTBOUND, "Yes, at 7", T0.plusSeconds(60), false);
        data.conversation("+17825550142", "Priya O'Shah");
        data.inbound("+17825550142", "Gift cards?", T0.plusSeconds(120));
        data.conversation("+14165550199", "100%_Golf");
        data.inbound("+14165550199", "Hours?", T0.minusSeconds(3600));
    }

    private static RequestSpecification staff() {
        return given().header("Authorization", TestTokens.bearer("support"));
    }

    @Test
    void listsConversationsMostRecentActivityFirstInThePlansShape() {
        staff().get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("data.phone_number", contains("+17825550142", "+19025550111", "+14165550199"))
                .body("data[1].customer_name", equalTo("Jordan Lee"))
                .body("data[1].unread_count", equalTo(1))
                .body("data[1].messageCount", equalTo(2))
                .body("data[1].lastMessage.text", equalTo("Yes, at 7"))
                .body("data[1].lastMessage.direction", equalTo("outbound"))
                .body("data[1].lastMessage.from", equalTo(TestData.LINE))
                .body("data[1].lastMessage.to", equalTo("+19025550111"))
                .body("data[1].lastMessage.status", equalTo("delivered"))
                .body("data[1].lastMessage.createdAt", equalTo("2026-11-01T12:01:00Z"))
                .body("data[1]", hasKey("employee_name"))
                .body("data[1]", hasKey("last_read_at"))
                .body("data[1].created_at", notNullValue())
                .body("data[1].updated_at", notNullValue())
                .body("nextCursor", nullValue());
    }

    @Test
    void eachConversationCarriesItsRecentMessagesOldestFirstUnlessSummaryIsAsked() {
        staff().get("/api/messages/conversations")
                .then()
                .body("data[1].messages.text", contains("Is bay 3 free?", "Yes, at 7"))
                .body("data[1].messages.direction", contains("inbound", "outbound"));
        staff().queryParam("fields", "summary")
                .get("/api/messages/conversations")
                .then()
                .body("data[1]", not(hasKey("messages")))
                .body("data[1].lastMessage.text", equalTo("Yes, at 7"));
    }

    @Test
    void recentMessagesInTheListAreBounded() {
        for (int i = 0; i < 30; i++) {
            data.inbound("+19025550111", "burst " + i, T0.plusSeconds(600 + i));
        }
        List<String> texts = staff().get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data[0].messages.text");
        assertEquals(20, texts.size());
        assertEquals("burst 10", texts.get(0));
        assertEquals("burst 29", texts.get(19));
    }

    @ParameterizedTest(name = "search \"{0}\" finds {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "555 0111|+19025550111",
                "(902) 555-0111|+19025550111",
                "+1902555011|+19025550111",
                "9025550111|+19025550111",
                "jordan|+19025550111",
                "JORDAN LEE|+19025550111",
                "o'shah|+17825550142",
                "100%|+14165550199",
                "%_golf|+14165550199"
            })
    void searchMatchesNumbersInAnyFormattingAndNamesCaseInsensitively(String search, String expected) {
        staff().queryParam("search", search)
                .get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .body("data.phone_number", contains(expected));
    }

    @ParameterizedTest(name = "search \"{0}\" finds only {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {"%|+14165550199", "_|+14165550199", "'|+17825550142"})
    void likeMetacharactersAndQuotesAreLiteral(String search, String expected) {
        staff().queryParam("search", search)
                .get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .body("data.phone_number", contains(expected));
    }

    @ParameterizedTest(name = "search \"{0}\" finds nothing")
    @ValueSource(strings = {"' OR 1=1 --", "%%%", "__x", "nobody", "0000", "\\"})
    void searchesMatchingNothingAnswerAnEmptyList(String search) {
        staff().queryParam("search", search)
                .get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("data", empty());
    }

    @Test
    void limitAndOffsetPageWithoutGapsOrRepeats() {
        staff().queryParam("limit", 2)
                .get("/api/messages/conversations")
                .then()
                .body("data.phone_number", contains("+17825550142", "+19025550111"))
                .body("nextCursor", notNullValue());
        staff().queryParam("limit", 2)
                .queryParam("offset", 2)
                .get("/api/messages/conversations")
                .then()
                .body("data.phone_number", contains("+14165550199"));
    }

    @Test
    void limitAboveTheCapIsCappedAndBadValuesAreRefused() {
        staff().queryParam("limit", 100000)
                .get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .body("data", hasSize(3));
        assertBadRequest("limit", "abc", "limit must be a whole number");
        assertBadRequest("limit", "0", "limit must be at least 1");
        assertBadRequest("limit", "-5", "limit must be at least 1");
        assertBadRequest("offset", "-1", "offset must be between 0 and 2147483647");
        assertBadRequest("offset", "1.5", "offset must be a whole number");
        assertBadRequest("before", "not-a-cursor", "before: not a valid cursor");
    }

    private static void assertBadRequest(String parameter, String value, String error) {
        staff().queryParam(parameter, value)
                .get("/api/messages/conversations")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", equalTo(error));
    }

    @Test
    void cursorPagingNeitherRepeatsNorSkipsWhileNewMessagesArrive() {
        data.reset();
        Instant start = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            String number = String.format("+1902555%04d", 2000 + i);
            data.inbound(number, "hello " + i, start.plusSeconds(i));
            existing.add(number);
        }
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification request = staff().queryParam("limit", 7).queryParam("fields", "summary");
            if (cursor != null) {
                request.queryParam("before", cursor);
            }
            JsonPath page = request.get("/api/messages/conversations")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            for (String number : page.<String>getList("data.phone_number")) {
                assertEquals(true, seen.add(number), "listed twice: " + number);
                order.add(number);
            }
            cursor = page.getString("nextCursor");
            // Between pages, new customers write in and already-listed ones write again.
            data.inbound(String.format("+1782555%04d", 3000 + pages), "new customer", Instant.now());
            data.inbound(order.get(0), "again", Instant.now());
            pages++;
        } while (cursor != null && pages < 20);

        List<String> newestFirst = new ArrayList<>(existing);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, order, "every conversation present at the start, once, in order");
    }
}
