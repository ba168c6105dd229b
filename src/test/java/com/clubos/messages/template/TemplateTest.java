package com.clubos.messages.template;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Snippets: admins keep them, everyone uses them, and no placeholder ever reaches a customer unfilled. */
@QuarkusTest
class TemplateTest {

    private static final String JORDAN = "+19025550123";
    private static final String STRANGER = "+19025550177";
    private static final String ADMIN = TestTokens.bearerFor("u-alex", "Alex Admin", "admin");
    private static final String OPERATOR = TestTokens.bearerFor("u-olivia", "Olivia Operator", "operator");

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
        data.conversation(JORDAN, "Jordan Lee");
        data.inbound(JORDAN, "Is bay 3 free?", Instant.now());
        data.inbound(STRANGER, "Hours?", Instant.now());
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    private static int create(String name, String body) {
        return as(ADMIN)
                .body("{\"name\":\"" + name + "\",\"body\":\"" + body + "\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
    }

    @Test
    void adminsCreateChangeAndDeleteSnippetsThatEveryRoleCanRead() {
        int id = as(ADMIN)
                .body("{\"name\":\" Bay ready \",\"body\":\"Hi {{first_name}}, your bay at {{club}} is ready\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(201)
                .body("data.name", equalTo("Bay ready"))
                .body("data.placeholders", contains("first_name", "club"))
                .body("data.createdBy", equalTo("Alex Admin"))
                .extract()
                .path("data.id");
        create("Hours", "Open 9 to 11");

        for (String role : new String[] {"admin", "operator", "support"}) {
            as(TestTokens.bearer(role))
                    .get("/api/messages/templates")
                    .then()
                    .statusCode(200)
                    .body("data.name", contains("Bay ready", "Hours"));
        }
        as(OPERATOR).get("/api/messages/templates?search=BAY").then().body("data.name", contains("Bay ready"));
        as(OPERATOR).get("/api/messages/templates?search=9 to").then().body("data.name", contains("Hours"));

        as(ADMIN)
                .body("{\"name\":\"Bay ready\",\"body\":\"{{first_name}}, bay 3 is yours\"}")
                .put("/api/messages/templates/{id}", id)
                .then()
                .statusCode(200)
                .body("data.body", equalTo("{{first_name}}, bay 3 is yours"));
        as(ADMIN).delete("/api/messages/templates/{id}", id).then().statusCode(200);
        as(OPERATOR).get("/api/messages/templates").then().body("data.name", contains("Hours"));
        as(ADMIN)
                .get("/api/messages/templates/{id}", id)
                .then()
                .statusCode(404)
                .body("error", equalTo("Snippet not found"));

        assertEquals(
                "template.create,template.create,template.update,template.delete",
                data.single(
                        "select string_agg(action, ',' order by id) from audit_log where action like 'template.%'"));
    }

    @Test
    void onlyAdminsMayEditSnippets() {
        int id = create("Hours", "Open 9 to 11");
        for (String role : new String[] {"operator", "support"}) {
            as(TestTokens.bearer(role))
                    .body("{\"name\":\"Mine\",\"body\":\"x\"}")
                    .post("/api/messages/templates")
                    .then()
                    .statusCode(403)
                    .body("success", equalTo(false));
            as(TestTokens.bearer(role))
                    .body("{\"name\":\"Hours\",\"body\":\"changed\"}")
                    .put("/api/messages/templates/{id}", id)
                    .then()
                    .statusCode(403);
            as(TestTokens.bearer(role))
                    .delete("/api/messages/templates/{id}", id)
                    .then()
                    .statusCode(403);
        }
        as(OPERATOR)
                .get("/api/messages/templates/{id}", id)
                .then()
                .statusCode(200)
                .body("data.body", equalTo("Open 9 to 11"));
        given().get("/api/messages/templates").then().statusCode(401);
    }

    @Test
    void badSnippetsAreRefusedWithTheReason() {
        create("Hours", "Open 9 to 11");
        as(ADMIN)
                .body("{\"name\":\"hours\",\"body\":\"again\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(409)
                .body("error", equalTo("A snippet named \"hours\" already exists"));
        as(ADMIN)
                .body("{\"name\":\"\",\"body\":\"\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(400)
                .body("error", equalTo("name: must not be blank; body: must not be blank"));
        as(ADMIN)
                .body("{\"name\":\"Promo\",\"body\":\"Hi {{nickname}} and {{first_name}}\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(400)
                .body("error", containsString("body: unknown placeholder {{nickname}}; use {{first_name}}"));
        as(ADMIN)
                .body("{\"name\":\"Promo\",\"body\":\"Hi {{first name}}\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(400)
                .body("error", containsString("may only surround a placeholder"));
        as(ADMIN)
                .body("{\"name\":\"Long\",\"body\":\"" + "x".repeat(1601) + "\"}")
                .post("/api/messages/templates")
                .then()
                .statusCode(400)
                .body("error", containsString("at most 1600"));
        assertEquals(1, data.count("select count(*) from message_templates"));
    }

    @Test
    void aSnippetIsFilledFromTheConversation() {
        int id =
                create("Bay ready", "Hi {{first_name}} ({{full_name}}), your bay at {{club}} is ready. {{staff_name}}");
        as(OPERATOR)
                .body("{\"to\":\"(902) 555-0123\"}")
                .post("/api/messages/templates/{id}/render", id)
                .then()
                .statusCode(200)
                .body(
                        "data.text",
                        equalTo("Hi Jordan (Jordan Lee), your bay at Fairway Golf Sim is ready. Olivia Operator"));
    }

    @Test
    void aSnippetThatCannotBeFilledIsRefusedNamingWhatIsMissing() {
        int id = create("Bay ready", "Hi {{first_name}}, your bay at {{club}} is ready");
        as(OPERATOR)
                .body("{\"to\":\"" + STRANGER + "\"}")
                .post("/api/messages/templates/{id}/render", id)
                .then()
                .statusCode(422)
                .body("success", equalTo(false))
                .body(
                        "error",
                        equalTo(
                                "Snippet \"Bay ready\" cannot be used here: {{first_name}} (the customer's name is unknown)"));
        int surname = create("Formal", "Dear Mx {{last_name}}");
        data.conversation("+19025550133", "Cher");
        as(OPERATOR)
                .body("{\"to\":\"+19025550133\"}")
                .post("/api/messages/templates/{id}/render", surname)
                .then()
                .statusCode(422)
                .body("error", containsString("{{last_name}} (the customer's name has no last name)"));
        as(OPERATOR)
                .body("{\"to\":\"not a number\"}")
                .post("/api/messages/templates/{id}/render", id)
                .then()
                .statusCode(400)
                .body("error", equalTo("to: not a valid phone number"));
        as(OPERATOR)
                .body("{\"to\":\"" + JORDAN + "\"}")
                .post("/api/messages/templates/{id}/render", 99999)
                .then()
                .statusCode(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hi {{first_name}}, bay 3 is ready", "Hi {{ club }}", "{{staff_name}}"})
    void aTextWithAnUnfilledPlaceholderIsNeverSent(String text) {
        as(OPERATOR)
                .body("{\"to\":\"" + JORDAN + "\",\"text\":\"" + text + "\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(400)
                .body("error", containsString("text: contains the unfilled placeholder {{"));
        assertEquals(0, data.count("select count(*) from messages where direction = 'outbound'"));
    }
}
