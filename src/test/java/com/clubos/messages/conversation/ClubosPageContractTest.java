package com.clubos.messages.conversation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.auth.Roles;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Walks the ClubOS plan's React page through the API exactly as it calls it, from another origin. */
@QuarkusTest
class ClubosPageContractTest {

    private static final String ORIGIN = "https://clubos.example";
    private static final String CUSTOMER = "+19025550111";

    @Inject
    TestData data;

    @BeforeEach
    void seed() {
        data.reset();
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        CUSTOMER,
                        TestData.LINE,
                        "Hi, is bay 3 free?",
                        Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS)))
                .then()
                .statusCode(200);
    }

    private static RequestSpecification page() {
        return given().header("Authorization", TestTokens.bearer("operator")).header("Origin", ORIGIN);
    }

    @Test
    void thePlansPageFlowWorksUnchanged() {
        // loadConversations(): GET /conversations?limit=100, reads response.data.data as an array.
        JsonPath list = page().queryParam("limit", 100)
                .get("/api/messages/conversations")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .body("success", equalTo(true))
                .extract()
                .jsonPath();
        Map<String, Object> conversation = list.getMap("data[0]");
        assertEquals(CUSTOMER, conversation.get("phone_number"));
        assertEquals("Unknown", conversation.get("customer_name"));
        assertEquals(1, conversation.get("unread_count"));
        OffsetDateTime.parse((String) conversation.get("updated_at"));
        List<Map<String, Object>> messages = list.getList("data[0].messages");
        assertEquals("Hi, is bay 3 free?", messages.get(0).get("text"));
        assertEquals("inbound", messages.get(0).get("direction"));
        OffsetDateTime.parse((String) messages.get(0).get("createdAt"));

        // selectConversation(): PUT …/{phone_number}/read with {}.
        page().contentType("application/json")
                .body("{}")
                .put("/api/messages/conversations/" + CUSTOMER + "/read")
                .then()
                .statusCode(200)
                .body("success", equalTo(true));

        // sendMessage(): POST /send {to, text}; reads response.data.data.id.
        int id = page().contentType("application/json")
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"Yes! Booked for 7.\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202)
                .body("success", equalTo(true))
                .body("data.id", notNullValue())
                .extract()
                .path("data.id");

        // loadConversations() again: the reply is there, last, and the conversation is read.
        page().queryParam("limit", 100)
                .get("/api/messages/conversations")
                .then()
                .body("data[0].unread_count", equalTo(0))
                .body("data[0].lastMessage.id", equalTo(id))
                .body("data[0].lastMessage.direction", equalTo("outbound"))
                .body("data[0].lastMessage.text", equalTo("Yes! Booked for 7."))
                .body("data[0].messages.direction", hasItem("outbound"))
                .body("data[0].messages.direction", everyItem(isOneOf("inbound", "outbound")));
    }

    @Test
    void aSendErrorReachesThePagesToastAsError() {
        page().contentType("application/json")
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .body("error", equalTo("text: must not be blank"));
    }

    @Test
    void preflightFromAnAllowedOriginIsAnsweredAndCached() {
        given().header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "PUT")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/messages/conversations/" + CUSTOMER + "/read")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", ORIGIN)
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("PUT"))
                .header("Access-Control-Allow-Methods", org.hamcrest.Matchers.containsString("PATCH"))
                .header(
                        "Access-Control-Allow-Headers",
                        org.hamcrest.Matchers.containsStringIgnoringCase("authorization"))
                .header(
                        "Access-Control-Allow-Headers",
                        org.hamcrest.Matchers.containsStringIgnoringCase("content-type"))
                .header("Access-Control-Max-Age", "86400")
                .header("Access-Control-Allow-Credentials", org.hamcrest.Matchers.not(equalTo("true")));
    }

    @Test
    void anOriginNotOnTheListGetsNoCorsHeaders() {
        given().header("Authorization", TestTokens.bearer("operator"))
                .header("Origin", "https://evil.example")
                .get("/api/messages/conversations")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
        given().header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .options("/api/messages/conversations")
                .then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void aTokenOfOursNearExpiryComesBackRefreshedAndExposed() {
        data.staff("gina", "a-long-enough-password", Roles.SUPPORT);
        String fresh = given().contentType("application/json")
                .body("{\"username\":\"gina\",\"password\":\"a-long-enough-password\"}")
                .post("/api/auth/login")
                .then()
                .statusCode(200)
                .extract()
                .path("data.token");
        // A fresh 4-hour token is not refreshed.
        given().header("Authorization", "Bearer " + fresh)
                .get("/api/messages/unread-count")
                .then()
                .statusCode(200)
                .header("X-New-Token", nullValue());

        // Ours as TokenIssuer makes them, for gina's account, but with half an hour left.
        Object gina = data.single("SELECT 'staff-' || id FROM staff_users WHERE username = 'gina'");
        String expiringSoon = TestTokens.sign(TestTokens.claims(Roles.SUPPORT)
                .claim("issuedBy", "clubos-messages")
                .claim("userId", gina)
                .claim("username", "gina")
                .claim("sv", 0)
                .expiresAt(Instant.now().plusSeconds(30 * 60)));
        String renewed = given().header("Authorization", "Bearer " + expiringSoon)
                .header("Origin", ORIGIN)
                .get("/api/messages/unread-count")
                .then()
                .statusCode(200)
                .header("Access-Control-Expose-Headers", org.hamcrest.Matchers.containsString("X-New-Token"))
                .extract()
                .header("X-New-Token");
        given().header("Authorization", "Bearer " + renewed)
                .get("/api/messages/unread-count")
                .then()
                .statusCode(200)
                .header("X-New-Token", nullValue());

        // A ClubOS token near expiry is ClubOS's to refresh.
        String clubosExpiring = TestTokens.sign(
                TestTokens.claims(Roles.SUPPORT).expiresAt(Instant.now().plusSeconds(600)));
        given().header("Authorization", "Bearer " + clubosExpiring)
                .get("/api/messages/unread-count")
                .then()
                .statusCode(200)
                .header("X-New-Token", nullValue());
    }
}
