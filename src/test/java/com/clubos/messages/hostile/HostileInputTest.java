package com.clubos.messages.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.openphone.WebhookSignatures;
import com.clubos.messages.support.OpenPhoneWebhooks;
import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.EncoderConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random and malformed input at every public endpoint (seeded: -Dfuzz.seed=N replays a run):
 * never a 5xx, always the error envelope, and never a stored row that breaks an invariant.
 */
@QuarkusTest
class HostileInputTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 150);
    private static final List<String> CONTENT_TYPES = List.of(
            "application/json",
            "application/json",
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
            "multipart/form-data; boundary=x");

    /** Sends the bytes as they are, whatever the content type claims. */
    private static final RestAssuredConfig RAW_BODIES = RestAssuredConfig.config()
            .encoderConfig(EncoderConfig.encoderConfig()
                    .encodeContentTypeAs("application/x-www-form-urlencoded", ContentType.BINARY)
                    .encodeContentTypeAs("multipart/form-data", ContentType.BINARY)
                    .encodeContentTypeAs("application/xml", ContentType.BINARY)
                    .encodeContentTypeAs("text/plain", ContentType.BINARY));

    private static final List<String> ODD_IDS =
            List.of("1", "0", "-1", "abc", "1.5", "99999999999999999999", "%00", " 1");

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static void assertClean(Response response, String request) {
        String what = request.length() > 300 ? request.substring(0, 300) + "…" : request;
        int status = response.statusCode();
        assertTrue(status < 500, what + " answered " + status + ": " + response.asString());
        // 413, 414 and 431 come from the HTTP layer, before any of our code runs.
        if (status >= 400 && status != 413 && status != 414 && status != 431) {
            String body = response.asString();
            assertTrue(
                    body.startsWith("{\"success\":false,\"error\":\""),
                    what + " answered " + status + " without the envelope: "
                            + body.substring(0, Math.min(200, body.length())));
        }
    }

    @Test
    void randomSendBodiesNeverBreakTheServiceOrStoreABadRow() {
        HostileInput input = new HostileInput(SEED);
        for (int i = 0; i < ROUNDS; i++) {
            byte[] body = input.sendBody();
            Response response = given().header("Authorization", TestTokens.bearer("operator"))
                    .config(RAW_BODIES)
                    .contentType(input.pick(CONTENT_TYPES))
                    .body(body)
                    .post("/api/messages/send");
            assertClean(response, "send #" + i + " " + new String(body, StandardCharsets.UTF_8));
        }
        assertEquals(0, data.count("""
                select count(*) from messages
                where to_number !~ '^\\+[1-9][0-9]{6,14}$' or from_number !~ '^\\+[1-9][0-9]{6,14}$'
                   or btrim(body, E' \\t\\n\\r') = '' or length(body) > 1600 or status <> 'queued'"""));
        assertEquals(
                0,
                data.count(
                        "select count(*) from openphone_conversations where phone_number !~ '^\\+[1-9][0-9]{6,14}$'"));
        assertEquals(
                data.count("select count(*) from messages"),
                data.count("select coalesce(sum(message_count), 0) from openphone_conversations"));
    }

    @Test
    void randomSignedWebhooksNeverBreakTheServiceOrStoreABadRow() {
        HostileInput input = new HostileInput(SEED + 1);
        for (int i = 0; i < ROUNDS; i++) {
            String event = "{\"id\":" + (input.chance(80) ? HostileInput.quote("EVfuzz" + i) : input.value(2))
                    + ",\"type\":" + (input.chance(70) ? "\"message.received\"" : input.value(1))
                    + ",\"data\":{\"object\":{\"id\":"
                    + (input.chance(80) ? HostileInput.quote("ACfuzz" + i) : input.value(1))
                    + ",\"from\":"
                    + (input.chance(70) ? HostileInput.quote(input.pick(HostileInput.PHONES)) : input.value(2))
                    + ",\"to\":" + (input.chance(70) ? "[\"+19025550100\"]" : input.value(2))
                    + ",\"direction\":\"incoming\",\"text\":" + input.value(2)
                    + ",\"createdAt\":" + (input.chance(70) ? "\"" + Instant.now() + "\"" : input.value(1)) + "}}}";
            Response response = OpenPhoneWebhooks.postBytes(input.mangle(event));
            assertClean(response, "webhook #" + i + " " + event);
        }
        assertEquals(
                0,
                data.count("select count(*) from messages where from_number = '' or to_number = '' or body is null"));
        assertEquals(
                data.count("select count(*) from messages"),
                data.count("select coalesce(sum(message_count), 0) from openphone_conversations"));
        assertEquals(
                data.count("select count(*) from messages"),
                data.count("select coalesce(sum(unread_count), 0) from openphone_conversations"));
    }

    @Test
    void randomQueryParametersAndPathNumbersNeverBreakReads() {
        HostileInput input = new HostileInput(SEED + 2);
        data.inbound("+19025550111", "hello", Instant.now());
        for (int i = 0; i < ROUNDS; i++) {
            Response list = given().header("Authorization", TestTokens.bearer("support"))
                    .queryParam("limit", shortString(input))
                    .queryParam("offset", shortString(input))
                    .queryParam("search", shortString(input))
                    .queryParam("before", shortString(input))
                    .get("/api/messages/conversations");
            assertClean(list, "list #" + i);
            Response open = given().header("Authorization", TestTokens.bearer("support"))
                    .get("/api/messages/conversations/{phone}", input.pick(HostileInput.PHONES));
            assertClean(open, "open #" + i);
            assertTrue(List.of(200, 404).contains(open.statusCode()), "open #" + i + " " + open.statusCode());
        }
    }

    @Test
    void randomTeamInboxRequestsNeverBreakTheServiceOrStoreABadRow() {
        HostileInput input = new HostileInput(SEED + 3);
        data.inbound("+19025550111", "hello", Instant.now());
        String admin = TestTokens.bearer("admin");
        for (int i = 0; i < ROUNDS; i++) {
            String phone = input.chance(60) ? "+19025550111" : input.pick(HostileInput.PHONES);
            String snippet = "{\"name\":" + input.value(1) + ",\"body\":" + input.value(1) + "}";
            List<Response> responses = List.of(
                    given().header("Authorization", admin)
                            .config(RAW_BODIES)
                            .contentType(input.pick(CONTENT_TYPES))
                            .body(input.mangle(snippet))
                            .post("/api/messages/templates"),
                    given().header("Authorization", admin)
                            .contentType("application/json")
                            .body(input.mangle("{\"text\":" + input.value(2) + "}"))
                            .post("/api/messages/conversations/{p}/notes", phone),
                    given().header("Authorization", admin)
                            .contentType("application/json")
                            .body(input.mangle("{\"assigneeId\":" + input.value(1) + "}"))
                            .put("/api/messages/conversations/{p}/assignee", phone),
                    given().header("Authorization", admin)
                            .contentType("application/json")
                            .body(input.mangle("{\"status\":" + input.value(1) + "}"))
                            .put("/api/messages/conversations/{p}/status", phone),
                    given().header("Authorization", admin)
                            .contentType("application/json")
                            .body(input.mangle("{\"to\":" + input.value(1) + "}"))
                            .post("/api/messages/templates/{id}/render", input.pick(ODD_IDS)),
                    given().header("Authorization", admin)
                            .queryParam("action", shortString(input))
                            .queryParam("target", shortString(input))
                            .queryParam("since", shortString(input))
                            .queryParam("before", shortString(input))
                            .queryParam("limit", shortString(input))
                            .get("/api/audit"),
                    given().header("Authorization", admin)
                            .queryParam("assigned", shortString(input))
                            .queryParam("status", shortString(input))
                            .get("/api/messages/conversations"),
                    given().header("Authorization", admin)
                            .contentType("application/json")
                            .body(input.mangle("{\"text\":" + input.value(2) + ",\"sendAt\":" + input.value(1)
                                    + ",\"sendEvenIfReply\":" + input.value(1) + "}"))
                            .patch("/api/messages/{id}", input.pick(ODD_IDS)),
                    given().header("Authorization", admin)
                            .queryParam("line", shortString(input))
                            .queryParam("conversationId", shortString(input))
                            .queryParam("after", shortString(input))
                            .queryParam("limit", shortString(input))
                            .get("/api/messages/scheduled"),
                    given().header("Authorization", admin)
                            .contentType("application/json")
                            .body(input.mangle("{\"messageId\":" + input.value(1) + "}"))
                            .post("/api/messages/conversations/{p}/possible-opt-out/confirm", phone));
            for (int r = 0; r < responses.size(); r++) {
                assertClean(responses.get(r), "inbox request " + r + " of round " + i);
            }
        }
        assertEquals(0, data.count("""
                select count(*) from message_templates
                where btrim(name) = '' or btrim(body) = '' or length(name) > 100 or length(body) > 1600"""));
        assertEquals(
                0, data.count("select count(*) from conversation_notes where btrim(body) = '' or length(body) > 2000"));
        assertEquals(
                0,
                data.count(
                        "select count(*) from openphone_conversations where assignee_id is not null "
                                + "and assignee_id not in (select id from staff_seen union select 'staff-' || id from staff_users)"));
    }

    /** URLs past the HTTP layer's limit are refused before our code (see the over-long URL case below). */
    private static String shortString(HostileInput input) {
        String value = input.string();
        return value.length() > 2_000 ? value.substring(0, 2_000) : value;
    }

    @Test
    void hugeHeadersAndWrongMethodsAreRefusedCleanly() {
        Response longUrl = given().header("Authorization", TestTokens.bearer("support"))
                .queryParam("search", "s".repeat(10_000))
                .get("/api/messages/conversations");
        assertTrue(longUrl.statusCode() == 414 || longUrl.statusCode() == 200, "long URL: " + longUrl.statusCode());
        Response huge = given().header("Authorization", TestTokens.bearer("support"))
                .header("X-Padding", "p".repeat(40_000))
                .get("/api/messages/conversations");
        assertTrue(huge.statusCode() == 431 || huge.statusCode() == 400, "huge header: " + huge.statusCode());
        assertClean(
                given().header("Authorization", TestTokens.bearer("support")).delete("/api/messages/conversations"),
                "DELETE");
        assertClean(
                given().header("Authorization", "Bearer " + "x".repeat(5_000)).get("/api/messages/conversations"),
                "long token");
        assertClean(
                given().header("Authorization", "Basic YWRtaW46YWRtaW4=").get("/api/messages/conversations"),
                "basic auth");
    }

    @Test
    void deeplyNestedJsonIsRefusedCleanly() {
        String nested = "[".repeat(50_000) + "]".repeat(50_000);
        String webhook = "{\"id\":\"EVdeep\",\"type\":\"message.received\",\"data\":{\"object\":" + nested + "}}";
        Response signed = OpenPhoneWebhooks.post(webhook);
        assertClean(signed, "deeply nested webhook");
        assertTrue(List.of(400, 413).contains(signed.statusCode()), "deeply nested webhook: " + signed.statusCode());
        Response send = given().header("Authorization", TestTokens.bearer("operator"))
                .contentType("application/json")
                .body("{\"to\":\"+19025550111\",\"text\":" + nested + "}")
                .post("/api/messages/send");
        assertClean(send, "deeply nested send");
        assertEquals(0, data.count("select count(*) from messages"));
        assertEquals(0, data.count("select count(*) from webhook_events"));
    }

    @Test
    void aValidSignatureOverAnAlteredOrReplayedBodyIsRefused() {
        byte[] body = OpenPhoneWebhooks.received(
                        "EVreplay", "ACreplay", "+19025550111", TestData.LINE, "hi", Instant.now())
                .getBytes(StandardCharsets.UTF_8);
        String old = String.valueOf(Instant.now().minusSeconds(3600).toEpochMilli());
        given().contentType("application/json")
                .header(
                        "openphone-signature",
                        WebhookSignatures.openPhoneHeader(WebhookSignatures.key(OpenPhoneWebhooks.SECRET), old, body))
                .body(body)
                .post(OpenPhoneWebhooks.PATH)
                .then()
                .statusCode(401);
        assertEquals(0, data.count("select count(*) from messages"));
    }
}
