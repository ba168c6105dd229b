package com.clubos.messages.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/audit: admins see who did what, filtered and paged; nobody else sees it. */
@QuarkusTest
class AuditLogTest {

    private static final String CUSTOMER = "+19025550111";
    private static final String ADMIN = TestTokens.bearerFor("u-alex", "Alex Admin", "admin");
    private static final String OPERATOR = TestTokens.bearerFor("u-olivia", "Olivia Operator", "operator");

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static RequestSpecification as(String bearer) {
        return given().header("Authorization", bearer).contentType(ContentType.JSON);
    }

    /** One of each audited action, in this order. */
    private void everyKindOfAction() {
        data.staff("frontdesk", "desk-password-1", "operator");
        given().contentType(ContentType.JSON)
                .body("{\"username\":\"frontdesk\",\"password\":\"desk-password-1\"}")
                .post("/api/auth/login")
                .then()
                .statusCode(200);
        as(OPERATOR)
                .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"Bay 3 is ready\"}")
                .post("/api/messages/send")
                .then()
                .statusCode(202);
        data.single(
                "update messages set status = 'failed', error_message = 'x' where body = 'Bay 3 is ready' returning id");
        int failed = ((Number) data.single("select id from messages where body = 'Bay 3 is ready'")).intValue();
        as(OPERATOR).post("/api/messages/{id}/retry", failed).then().statusCode(200);
        as(OPERATOR)
                .body("{\"assigneeId\":\"me\"}")
                .put("/api/messages/conversations/{p}/assignee", CUSTOMER)
                .then()
                .statusCode(200);
        OpenPhoneWebhooks.post(OpenPhoneWebhooks.received(
                        OpenPhoneWebhooks.newEventId(),
                        OpenPhoneWebhooks.newMessageId(),
                        CUSTOMER,
                        TestData.LINE,
                        "STOP",
                        Instant.now()))
                .then()
                .statusCode(200);
    }

    @Test
    void everySendRetryAssignmentOptOutAndLoginIsInTheLog() {
        everyKindOfAction();
        as(ADMIN)
                .get("/api/audit")
                .then()
                .statusCode(200)
                .body("success", equalTo(true))
                .body(
                        "data.action",
                        contains("optout.stop", "conversation.assign", "message.retry", "message.send", "login"))
                .body(
                        "data.actor",
                        contains(CUSTOMER, "Olivia Operator", "Olivia Operator", "Olivia Operator", "frontdesk"))
                .body("data[0].details.keyword", equalTo("STOP"))
                .body("data[0].details.cancelledSends", equalTo(1))
                .body("data[3].target", equalTo(CUSTOMER))
                .body("data[3].details.length", equalTo(14))
                .body("nextCursor", nullValue());
    }

    @Test
    void theLogIsForAdminsOnly() {
        everyKindOfAction();
        for (String role : new String[] {"operator", "support"}) {
            as(TestTokens.bearer(role)).get("/api/audit").then().statusCode(403).body("success", equalTo(false));
        }
        given().get("/api/audit").then().statusCode(401);
    }

    @Test
    void filtersNarrowTheLog() {
        everyKindOfAction();
        as(ADMIN).get("/api/audit?action=message.send").then().body("data.action", contains("message.send"));
        as(ADMIN)
                .get("/api/audit?action=message.")
                .then()
                .body("data.action", contains("message.retry", "message.send"));
        as(ADMIN).get("/api/audit?actor=olivia operator").then().body("data", hasSize(3));
        as(ADMIN)
                .get("/api/audit?target=(902) 555-0111")
                .then()
                .body("data.action", hasItems("optout.stop", "message.send", "conversation.assign"))
                .body("data.target", everyItem(equalTo(CUSTOMER)));
        as(ADMIN).get("/api/audit?since=2999-01-01T00:00:00Z").then().body("data", hasSize(0));
        as(ADMIN).get("/api/audit?until=2000-01-01T00:00:00Z").then().body("data", hasSize(0));
        as(ADMIN)
                .get("/api/audit?since=yesterday")
                .then()
                .statusCode(400)
                .body("error", containsString("since: must be an ISO-8601 instant"));
        as(ADMIN)
                .get("/api/audit?before=garbage")
                .then()
                .statusCode(400)
                .body("error", equalTo("before: not a valid cursor"));
        as(ADMIN).get("/api/audit?limit=0").then().statusCode(400);
    }

    @Test
    void pagingWalksTheWholeLogOnceNewestFirst() {
        for (int i = 0; i < 23; i++) {
            as(OPERATOR)
                    .body("{\"to\":\"" + CUSTOMER + "\",\"text\":\"text " + i + "\"}")
                    .post("/api/messages/send")
                    .then()
                    .statusCode(202);
        }
        List<Integer> ids = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = as(ADMIN)
                    .queryParam("limit", 10)
                    .queryParam("before", cursor == null ? "" : cursor)
                    .get("/api/audit")
                    .then()
                    .statusCode(200)
                    .extract();
            ids.addAll(page.path("data.id"));
            cursor = page.path("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(23, ids.size());
        assertEquals(23, new HashSet<>(ids).size());
        for (int i = 1; i < ids.size(); i++) {
            assertNotNull(ids.get(i));
            assertEquals(true, ids.get(i) < ids.get(i - 1), "newest first");
        }
    }
}
