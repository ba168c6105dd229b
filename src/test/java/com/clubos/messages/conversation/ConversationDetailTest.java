package com.clubos.messages.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ConversationDetailTest {

    private static final String CUSTOMER = "+19025550111";
    private static final Instant T0 = Instant.parse("2026-11-01T12:00:00Z");

    @Inject
    TestData data;

    @BeforeEach
    void seed() {
        data.reset();
        data.conversation(CUSTOMER, "Jordan Lee");
        for (int i = 0; i < 5; i++) {
            data.inbound(CUSTOMER, "message " + i, T0.plusSeconds(i));
        }
        data.inbound("+17825550142", "other", T0);
    }

    private static RequestSpecification staff() {
        return given().header("Authorization", TestTokens.bearer("operator"));
    }

    @Test
    void openingAConversationShowsItsMessagesOldestFirstAndMarksItRead() {
        staff().get("/api/messages/unread-count")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("data.totalUnread", equalTo(6));

        staff().get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body("data.phone_number", equalTo(CUSTOMER))
                .body("data.customer_name", equalTo("Jordan Lee"))
                .body("data.unread_count", equalTo(0))
                .body("data.last_read_at", notNullValue())
                .body("data.messages.text", contains("message 0", "message 1", "message 2", "message 3", "message 4"))
                .body("data.messages[0].direction", equalTo("inbound"))
                .body("data.messages[0].from", equalTo(CUSTOMER))
                .body("data.messages[0].to", equalTo(TestData.LINE))
                .body("data.messages[0].createdAt", equalTo("2026-11-01T12:00:00Z"))
                .body("data.olderCursor", nullValue());

        staff().get("/api/messages/unread-count").then().body("data.totalUnread", equalTo(1));
    }

    @ParameterizedTest(name = "path number {0}")
    @ValueSource(
            strings = {"+19025550111", "%2B19025550111", "19025550111", "9025550111", "(902) 555-0111", "902.555.0111"})
    void theNumberInThePathIsAcceptedInAnyCommonForm(String pathNumber) {
        staff().urlEncodingEnabled(!pathNumber.startsWith("%"))
                .get("/api/messages/conversations/" + pathNumber)
                .then()
                .statusCode(200)
                .body("data.phone_number", equalTo(CUSTOMER));
    }

    @Test
    void unknownConversationIs404WithThePlansError() {
        staff().get("/api/messages/conversations/{phone}", "+19025559999")
                .then()
                .statusCode(404)
                .body("success", equalTo(false))
                .body("error", equalTo("Conversation not found"));
        staff().get("/api/messages/conversations/{phone}", "not-a-number")
                .then()
                .statusCode(404);
        staff().contentType("application/json")
                .body("{}")
                .put("/api/messages/conversations/{phone}/read", "+19025559999")
                .then()
                .statusCode(404)
                .body("error", equalTo("Conversation not found"));
    }

    @Test
    void markReadAnswersSuccessAndClearsTheUnreadCount() {
        staff().contentType("application/json")
                .body("{}")
                .put("/api/messages/conversations/{phone}/read", CUSTOMER)
                .then()
                .statusCode(200)
                .body("success", equalTo(true));
        staff().queryParam("search", "Jordan")
                .get("/api/messages/conversations")
                .then()
                .body("data[0].unread_count", equalTo(0))
                .body("data[0].last_read_at", notNullValue());
        staff().get("/api/messages/unread-count").then().body("data.totalUnread", equalTo(1));
    }

    @Test
    void historyPagesBackWithoutGapsOrRepeatsWhileNewMessagesArrive() {
        JsonPath first = staff().queryParam("limit", 2)
                .get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<String> seen = new ArrayList<>(first.getList("data.messages.text"));
        assertEquals(List.of("message 3", "message 4"), seen);
        String cursor = first.getString("data.olderCursor");
        while (cursor != null) {
            data.inbound(CUSTOMER, "arrived while scrolling", Instant.now());
            JsonPath page = staff().queryParam("limit", 2)
                    .queryParam("before", cursor)
                    .get("/api/messages/conversations/{phone}/messages", CUSTOMER)
                    .then()
                    .statusCode(200)
                    .body("success", equalTo(true))
                    .extract()
                    .jsonPath();
            seen.addAll(0, page.getList("data.text"));
            cursor = page.getString("nextCursor");
        }
        assertEquals(List.of("message 0", "message 1", "message 2", "message 3", "message 4"), seen);
    }

    @Test
    void historyOfUnknownConversationIs404() {
        staff().get("/api/messages/conversations/{phone}/messages", "+19025559999")
                .then()
                .statusCode(404)
                .body("error", equalTo("Conversation not found"));
    }

    @Test
    void detailLimitBoundsTheFirstPage() {
        staff().queryParam("limit", 3)
                .get("/api/messages/conversations/{phone}", CUSTOMER)
                .then()
                .body("data.messages", hasSize(3))
                .body("data.messages.text", contains("message 2", "message 3", "message 4"))
                .body("data.olderCursor", notNullValue());
    }
}
