package com.clubos.messages.message;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class SendTest {

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static RequestSpecification staff() {
        return given().header("Authorization", TestTokens.bearer("operator")).contentType(ContentType.JSON);
    }

    @Test
    void aValidSendIsQueuedAtOnceInOneTransaction() {
        int id = staff().body("{\"to\":\"(902) 555-0111\",\"text\":\"Your bay is ready 🏌️\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("success", equalTo(true))
                .body("data.id", notNullValue())
                .body("data.status", equalTo("queued"))
                .body("data.direction", equalTo("outbound"))
                .body("data.to", equalTo("+19025550111"))
                .body("data.from", equalTo(TestData.LINE))
                .body("data.text", equalTo("Your bay is ready 🏌️"))
                .body("data.sentBy", equalTo("Test operator"))
                .extract()
                .path("data.id");

        assertEquals("Your bay is ready 🏌️", data.single("select body from messages where id = " + id));
        assertEquals(
                1, data.count("select count(*) from message_status where status = 'queued' and message_id = " + id));
        assertEquals(
                1, data.count("select message_count from openphone_conversations where phone_number = '+19025550111'"));
        assertEquals(
                0, data.count("select unread_count from openphone_conversations where phone_number = '+19025550111'"));
        assertEquals(
                1,
                data.count("select count(*) from audit_log where action = 'message.send' and target = '+19025550111'"
                        + " and actor = 'Test operator'"));

        staff().get("/api/messages/conversations")
                .then()
                .body("data[0].phone_number", equalTo("+19025550111"))
                .body("data[0].customer_name", equalTo("Unknown"))
                .body("data[0].lastMessage.text", equalTo("Your bay is ready 🏌️"))
                .body("data[0].lastMessage.status", equalTo("queued"));
    }

    @Test
    void sendingFromAnotherOfOurLinesIsAllowed() {
        staff().body("{\"to\":\"+19025550111\",\"text\":\"hi\",\"from\":\"902-555-0199\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("data.from", equalTo("+19025550199"));
    }

    @Test
    void theSameIdempotencyKeyTwiceGivesTheSameMessageStoredOnce() {
        int first = staff().header("Idempotency-Key", "click-42")
                .body("{\"to\":\"+19025550111\",\"text\":\"once\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .extract()
                .path("data.id");
        int second = staff().header("Idempotency-Key", "click-42")
                .body("{\"to\":\"+19025550111\",\"text\":\"once\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(200)
                .extract()
                .path("data.id");
        int viaBody = staff().body("{\"to\":\"+19025550111\",\"text\":\"once\",\"clientRef\":\"click-42\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(200)
                .extract()
                .path("data.id");
        assertEquals(first, second);
        assertEquals(first, viaBody);
        assertEquals(1, data.count("select count(*) from messages"));
        assertEquals(1, data.count("select message_count from openphone_conversations"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{\"text\":\"hi\"}|to: is required",
                "{\"to\":\"  \",\"text\":\"hi\"}|to: is required",
                "{\"to\":\"12\",\"text\":\"hi\"}|to: not a valid phone number",
                "{\"to\":\"call me maybe\",\"text\":\"hi\"}|to: not a valid phone number",
                "{\"to\":\"+1902555011199999\",\"text\":\"hi\"}|to: not a valid phone number",
                "{\"to\":\"+19025550111\"}|text: must not be blank",
                "{\"to\":\"+19025550111\",\"text\":\"   \\n \"}|text: must not be blank",
                "{\"to\":\"+19025550111\",\"text\":\"hi\",\"from\":\"+14165550000\"}|from: must be one of our OpenPhone lines [+19025550100, +19025550199]",
                "{\"to\":\"x\",\"text\":\"\"}|to: not a valid phone number; text: must not be blank",
                "{\"to\":{\"n\":1},\"text\":\"hi\"}|Field 'to' has the wrong type",
                "{\"to\":\"+19025550111\",\"text\":[\"a\"]}|Field 'text' has the wrong type",
                "{\"to\":|Request body is not valid JSON",
                "null|Request body is required: {\"to\": \"+1…\", \"text\": \"…\"}"
            })
    void everyInvalidSendIsA400NamingTheField(String body, String error) {
        staff().body(body)
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("success", equalTo(false))
                .body("error", equalTo(error));
        assertEquals(0, data.count("select count(*) from messages"));
        assertEquals(0, data.count("select count(*) from openphone_conversations"));
    }

    @Test
    void textOverSixteenHundredCharactersIsRefusedAndExactlySixteenHundredIsAccepted() {
        staff().body("{\"to\":\"+19025550111\",\"text\":\"" + "a".repeat(1601) + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("error", equalTo("text: must be at most 1600 characters (it has 1601)"));
        staff().body("{\"to\":\"+19025550111\",\"text\":\"" + "a".repeat(1600) + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
    }

    @Test
    void wrongContentTypeIs415() {
        given().header("Authorization", TestTokens.bearer("operator"))
                .contentType(ContentType.TEXT)
                .body("hi")
                .post("/api/messages/send")
                .then()
                .statusCode(415)
                .body("success", equalTo(false))
                .body("error", equalTo("Content-Type must be application/json"));
    }

    @Test
    void oversizedBodyIs413WithTheEnvelope() {
        staff().body("{\"to\":\"+19025550111\",\"text\":\"" + "a".repeat(1_100_000) + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(413)
                .body("success", equalTo(false))
                .body("error", equalTo("Request body is too large (limit 1048576 bytes)"));
        assertEquals(0, data.count("select count(*) from messages"));
    }

    @Test
    void sendNeedsAStaffRole() {
        given().contentType(ContentType.JSON)
                .body("{\"to\":\"+19025550111\",\"text\":\"hi\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(401);
        given().header("Authorization", TestTokens.bearer("kiosk"))
                .contentType(ContentType.JSON)
                .body("{\"to\":\"+19025550111\",\"text\":\"hi\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(403);
        assertEquals(0, data.count("select count(*) from messages"));
    }

    @Test
    void eachStaffMemberMaySendAtMostThirtyTextsAMinute() {
        String token = TestTokens.bearer("support");
        for (int i = 0; i < 30; i++) {
            given().header("Authorization", token)
                    .contentType(ContentType.JSON)
                    .body("{\"to\":\"+19025550111\",\"text\":\"n" + i + "\"}")
                    .post("/api/messages/send")
                    .then()
                    .statusCode(202);
        }
        given().header("Authorization", token)
                .contentType(ContentType.JSON)
                .body("{\"to\":\"+19025550111\",\"text\":\"one too many\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(429)
                .header("Retry-After", "60")
                .body(
                        "error",
                        equalTo("Send limit reached: at most 30 texts a minute per staff member; try again shortly"));
        // Another staff member is not held back.
        staff().body("{\"to\":\"+19025550111\",\"text\":\"colleague\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        assertEquals(31, data.count("select count(*) from messages"));
    }
}
