package com.clubos.messages.hostile;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.clubos.messages.support.TestData;
import com.clubos.messages.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seeded hostile campaign requests, CSVs, actions and listings: a 4xx in the envelope, never a 500 or a bad row. */
@QuarkusTest
class CampaignsHostileInputTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261127L);
    private static final int ROUNDS = Integer.getInteger("fuzz.rounds", 150) / 3;
    private static final List<String> ODD_IDS =
            List.of("1", "0", "-1", "abc", "1.5", "99999999999999999999", "%00", " 1");
    private static final List<String> ACTIONS = List.of("start", "pause", "resume", "cancel", "START", "", "x");

    @Inject
    TestData data;

    @BeforeEach
    void reset() {
        data.reset();
    }

    private static void assertClean(Response response, String what) {
        int status = response.statusCode();
        assertTrue(status < 500, what + " answered " + status + ": " + response.asString());
        if (status >= 400 && status != 413 && status != 414 && status != 431) {
            assertTrue(
                    response.asString().startsWith("{\"success\":false,\"error\":\""),
                    what + " " + response.asString());
        }
    }

    private static String campaignBody(HostileInput input) {
        StringBuilder json = new StringBuilder("{");
        String[] fields = {"name", "text", "line", "kind", "recipients", "filter", "sendAt"};
        boolean first = true;
        for (String field : fields) {
            if (!input.chance(80)) {
                continue;
            }
            String value = switch (field) {
                case "kind" ->
                    input.chance(60) ? "\"" + input.pick(List.of("marketing", "informational")) + "\"" : input.value(2);
                case "recipients" ->
                    input.chance(60)
                            ? "[" + HostileInput.quote(input.pick(HostileInput.PHONES)) + ","
                                    + HostileInput.quote(input.pick(HostileInput.PHONES)) + "]"
                            : input.value(2);
                case "filter" ->
                    input.chance(50)
                            ? "{\"lastActivitySince\":" + input.value(1) + ",\"inboxStatus\":" + input.value(1)
                                    + ",\"assignee\":" + input.value(1) + ",\"line\":" + input.value(1) + "}"
                            : input.value(2);
                default -> input.chance(50) ? HostileInput.quote(input.string()) : input.value(2);
            };
            json.append(first ? "" : ",")
                    .append('"')
                    .append(field)
                    .append("\":")
                    .append(value);
            first = false;
        }
        return json.append('}').toString();
    }

    @Test
    void randomCampaignRequestsNeverBreakTheServiceOrStoreABadRow() {
        HostileInput input = new HostileInput(SEED + 17);
        String operator = TestTokens.bearer("operator");
        int draft = given().header("Authorization", operator)
                .contentType("application/json")
                .body("{\"name\":\"Draft\",\"text\":\"Hi {first_name}\",\"kind\":\"informational\"}")
                .post("/api/messages/campaigns")
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        for (int i = 0; i < ROUNDS; i++) {
            assertClean(
                    given().header("Authorization", operator)
                            .contentType("application/json")
                            .body(input.mangle(campaignBody(input)))
                            .post("/api/messages/campaigns"),
                    "create round " + i);
            String csv = "number,first_name,last_name\n" + input.string().replace("\u0000", "") + "," + input.string()
                    + "," + input.string() + "\n" + input.pick(HostileInput.PHONES) + ",A,B\n";
            assertClean(
                    given().header("Authorization", operator)
                            .contentType("text/csv")
                            .body(input.chance(80) ? csv : input.string())
                            .post(
                                    "/api/messages/campaigns/{id}/recipients",
                                    input.chance(70) ? String.valueOf(draft) : input.pick(ODD_IDS)),
                    "upload round " + i);
            assertClean(
                    given().header("Authorization", operator)
                            .post("/api/messages/campaigns/{id}/{action}", input.pick(ODD_IDS), input.pick(ACTIONS)),
                    "action round " + i);
            assertClean(
                    given().header("Authorization", operator)
                            .queryParam("status", input.chance(50) ? "pending" : input.string())
                            .queryParam("after", input.pick(ODD_IDS))
                            .queryParam("limit", input.pick(ODD_IDS))
                            .get("/api/messages/campaigns/{id}/recipients", String.valueOf(draft)),
                    "listing round " + i);
        }
        assertEquals(0, data.count("""
                select count(*) from campaigns
                where btrim(name) = '' or btrim(body) = '' or length(name) > 200 or length(body) > 1600
                   or kind not in ('marketing', 'informational')"""));
        assertEquals(
                0,
                data.count("select count(*) from campaign_recipients where phone_number !~ '^\\+[1-9][0-9]{6,14}$'"));
    }
}
